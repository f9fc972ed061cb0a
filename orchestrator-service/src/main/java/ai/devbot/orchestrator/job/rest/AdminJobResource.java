package ai.devbot.orchestrator.job.rest;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import ai.devbot.orchestrator.job.model.Job;
import ai.devbot.orchestrator.job.service.JobStore;
import ai.devbot.orchestrator.session.Session;
import ai.devbot.orchestrator.session.SessionStore;
import io.smallrye.common.annotation.Blocking;

/** Operators' view of jobs and sessions (role operator, see application.properties). */
@Path("/api/admin")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Jobs and sessions (operators)")
@Blocking
public class AdminJobResource {

    public record Cancelled(String jobId, Job.State state, boolean cancelRequested) {
    }

    private final JobStore jobs;
    private final SessionStore sessions;

    AdminJobResource(JobStore jobs, SessionStore sessions) {
        this.jobs = jobs;
        this.sessions = sessions;
    }

    @GET
    @Path("/jobs")
    @Operation(summary = "The ids of the running jobs")
    public List<String> running() {
        return jobs.running();
    }

    @GET
    @Path("/jobs/{jobId}")
    @Operation(summary = "A job: its state, current step, credits spent, its tasks and every finished step (no user or model text)")
    public JobView job(@PathParam("jobId") String jobId) {
        return JobView.of(stored(jobId));
    }

    @POST
    @Path("/jobs/{jobId}/cancel")
    @Operation(summary = "Cancel a job at its next step boundary (its held credits are released)")
    public Cancelled cancel(@PathParam("jobId") String jobId) {
        Job job = stored(jobId);
        if (!job.finished()) {
            jobs.requestCancel(jobId);
        }
        return new Cancelled(jobId, job.state(), !job.finished());
    }

    private Job stored(String jobId) {
        return jobs.get(jobId).orElseThrow(() -> new NotFoundException("no job " + jobId));
    }

    @GET
    @Path("/sessions/{chatId}/{userId}")
    @Operation(summary = "What the bot knows about a user in a chat: the active project, whether it awaits an idea")
    public Session session(@PathParam("chatId") long chatId, @PathParam("userId") long userId) {
        return sessions.find(chatId, userId).orElseThrow(() -> new NotFoundException("no session for user " + userId
                + " in chat " + chatId));
    }
}
