package ai.devbot.orchestrator.client.billing;

import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.quarkus.rest.client.reactive.ClientBasicAuth;

/** billing-service's API for services; wrapped by {@link Billing}. */
@RegisterRestClient(configKey = "billing")
@ClientBasicAuth(username = "service", password = "${devbot.service-password}")
@Path("/api/v1")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
interface BillingApi {

    @POST
    @Path("/accounts")
    BillingRecords.Account ensure(BillingRecords.EnsureAccount request);

    @GET
    @Path("/accounts/{userId}")
    Response account(@PathParam("userId") long userId);

    @GET
    @Path("/accounts/{userId}/recent-entries")
    List<BillingRecords.Entry> recentEntries(@PathParam("userId") long userId, @QueryParam("size") int size);

    @POST
    @Path("/reservations")
    Response reserve(BillingRecords.Reserve request);

    @POST
    @Path("/reservations/{id}/settle")
    Response settle(@PathParam("id") String reservationId, BillingRecords.Settle request);

    @POST
    @Path("/usage")
    BillingRecords.Charged charge(BillingRecords.Usage usage);

    @GET
    @Path("/usage/task-spend")
    BillingRecords.TaskSpend taskSpend(@QueryParam("model") String model);

    @GET
    @Path("/usage/by-project")
    List<BillingRecords.ProjectSpend> spendByProject(@QueryParam("userId") long userId, @QueryParam("size") int size);

    @GET
    @Path("/packs")
    List<BillingRecords.Pack> packs();

    @POST
    @Path("/invoices")
    BillingRecords.Invoice invoice(BillingRecords.InvoiceRequest request);

    @GET
    @Path("/prices")
    BillingRecords.Price price(@QueryParam("provider") String provider, @QueryParam("model") String model);

    @POST
    @Path("/purchases")
    Response purchase(BillingRecords.Purchase request);
}
