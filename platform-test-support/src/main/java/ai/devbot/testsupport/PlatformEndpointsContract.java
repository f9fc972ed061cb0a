package ai.devbot.testsupport;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.containsStringIgnoringCase;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.oneOf;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * What every service promises operators: readiness that names each real dependency it checks,
 * Prometheus metrics, an OpenAPI document with the Basic scheme, and deny-by-default
 * authentication on {@code /api} (docs/adr/0004-service-authentication.md).
 * A module's {@code PlatformEndpointsTest} extends this, and its {@code PlatformEndpointsIT}
 * runs the same checks against the packaged application.
 */
public abstract class PlatformEndpointsContract {

    /** Names of the readiness checks this service must report, one per dependency. */
    protected abstract List<String> expectedReadinessChecks();

    @Test
    void readinessIsUpAndChecksEveryDependency() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems(expectedReadinessChecks().toArray(String[]::new)))
                .body("checks.status", everyItem(equalTo("UP")));
    }

    @Test
    void livenessIsUp() {
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void prometheusMetricsAreOpenToScrapers() {
        given().accept("text/plain").when().get("/q/metrics")
                .then().statusCode(200)
                .body(containsString("jvm_memory_used_bytes"));
    }

    @Test
    void openApiDocumentDeclaresBasicAuthentication() {
        given().accept("application/json").when().get("/q/openapi")
                .then().statusCode(200)
                .body("components.securitySchemes.SecurityScheme.scheme", equalTo("basic"));
    }

    @Test
    void apiRefusesCallersWithoutCredentials() {
        given().when().get("/api/v1/any")
                .then().statusCode(401)
                .header("WWW-Authenticate", containsStringIgnoringCase("basic"));
    }

    @Test
    void apiRefusesAWrongPassword() {
        given().auth().preemptive().basic("operator", PlatformCredentials.operatorPassword() + "x")
                .when().get("/api/admin/any")
                .then().statusCode(401);
    }

    @Test
    void operatorApiRefusesTheServiceRole() {
        given().auth().preemptive().basic("service", PlatformCredentials.servicePassword())
                .when().get("/api/admin/any")
                .then().statusCode(403);
    }

    @Test
    void operatorCredentialsPassAuthentication() {
        given().auth().preemptive().basic("operator", PlatformCredentials.operatorPassword())
                .when().get("/api/admin/any")
                .then().statusCode(not(oneOf(401, 403)));
    }

    @Test
    void serviceCredentialsReachServiceApi() {
        given().auth().preemptive().basic("service", PlatformCredentials.servicePassword())
                .when().get("/api/v1/any")
                .then().statusCode(not(oneOf(401, 403)));
    }
}
