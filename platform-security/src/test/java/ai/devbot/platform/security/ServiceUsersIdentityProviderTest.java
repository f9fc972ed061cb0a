package ai.devbot.platform.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.credential.PasswordCredential;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;

class ServiceUsersIdentityProviderTest {

    private final ServiceUsersIdentityProvider provider = new ServiceUsersIdentityProvider(users(Map.of(
            "service", new User("s3cret-service", Set.of("service")),
            "operator", new User("p\u00e4ss-operator", Set.of("operator")))));

    @Test
    void theRightPasswordYieldsTheUserWithItsRoles() {
        SecurityIdentity identity = authenticate("operator", "p\u00e4ss-operator");
        assertEquals("operator", identity.getPrincipal().getName());
        assertEquals(Set.of("operator"), identity.getRoles());
        assertFalse(identity.isAnonymous());
    }

    @Test
    void aWrongPasswordIsRefused() {
        assertThrows(AuthenticationFailedException.class, () -> authenticate("service", "s3cret-servicE"));
        assertThrows(AuthenticationFailedException.class, () -> authenticate("service", "s3cret"));
        assertThrows(AuthenticationFailedException.class, () -> authenticate("service", ""));
    }

    @Test
    void anotherUsersPasswordIsRefused() {
        assertThrows(AuthenticationFailedException.class, () -> authenticate("service", "p\u00e4ss-operator"));
    }

    @Test
    void anUnknownUserIsRefused() {
        assertThrows(AuthenticationFailedException.class, () -> authenticate("admin", "s3cret-service"));
    }

    @Test
    void answersOnTheCallingThreadWithoutABlockingHop() {
        var request = new UsernamePasswordAuthenticationRequest("service", new PasswordCredential("s3cret-service".toCharArray()));
        // A context that refuses blocking work: the realm this replaces ran its lookup through it.
        var identity = provider.authenticate(request, supplier -> {
            throw new AssertionError("the lookup asked for a worker thread");
        }).await().indefinitely();
        assertTrue(identity.hasRole("service"));
    }

    @Test
    void anEmptyPasswordStopsTheServiceAtStart() {
        var failure = assertThrows(IllegalStateException.class,
                () -> new ServiceUsersIdentityProvider(users(Map.of("service", new User(" ", Set.of("service"))))));
        assertTrue(failure.getMessage().contains("devbot.security.users.service.password"), failure.getMessage());
    }

    @Test
    void noUserAtAllStopsTheServiceAtStart() {
        assertThrows(IllegalStateException.class, () -> new ServiceUsersIdentityProvider(users(Map.of())));
    }

    private SecurityIdentity authenticate(String user, String password) {
        var request = new UsernamePasswordAuthenticationRequest(user, new PasswordCredential(password.toCharArray()));
        return provider.authenticate(request, null).await().atMost(Duration.ofSeconds(1));
    }

    private static ServiceUsersConfig users(Map<String, ServiceUsersConfig.User> users) {
        return () -> users;
    }

    private record User(String password, Set<String> roles) implements ServiceUsersConfig.User {
    }
}
