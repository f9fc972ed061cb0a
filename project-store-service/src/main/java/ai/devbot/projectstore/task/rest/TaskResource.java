package ai.devbot.projectstore.task.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import ai.devbot.projectstore.project.service.ProjectService;
import ai.devbot.projectstore.task.Task;
import ai.devbot.projectstore.task.service.TaskHistory;
import ai.devbot.projectstore.task.service.TaskService;
import ai.devbot.projectstore.rest.Owners;
import io.smallrye.mutiny.Uni;

/** A project's tasks: list, append (change requests), update, and what a task did to the files. */
@Path("/api/v1/projects/{id}/tasks")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({ "service", "operator" })
@Tag(name = "Tasks")
public class TaskResource {

    private final TaskService tasks;
    private final TaskHistory history;

    public TaskResource(TaskService tasks, TaskHistory history) {
        this.tasks = tasks;
        this.history = history;
    }

    @GET
    @Operation(summary = "The tasks in order")
    public Uni<List<Task>> list(@PathParam("id") long id, @QueryParam("ownerId") Long ownerId) {
        return tasks.list(id, Owners.require(ownerId));
    }

    @POST
    @Operation(summary = "Append tasks after the last one, once per appendId")
    public Uni<List<Task>> append(@PathParam("id") long id, @QueryParam("ownerId") Long ownerId,
            TaskService.Append request) {
        return tasks.append(id, Owners.require(ownerId), request);
    }

    @PATCH
    @Path("/{number}")
    @Operation(summary = "Change a task's status, attempts, last failure or result summary")
    public Uni<Task> update(@PathParam("id") long id, @PathParam("number") int number,
            @QueryParam("ownerId") Long ownerId, TaskService.Update update) {
        return tasks.update(id, Owners.require(ownerId), number, update);
    }

    @GET
    @Path("/{number}/diff")
    @Operation(summary = "A unified diff per file the task changed")
    public Uni<TaskHistory.TaskDiff> diff(@PathParam("id") long id, @PathParam("number") int number,
            @QueryParam("ownerId") Long ownerId) {
        return history.diff(id, Owners.require(ownerId), number);
    }

    @GET
    @Path("/{number}/patch")
    @Produces("text/x-patch")
    @Operation(summary = "The task's change as one patch file (every changed file's unified diff)")
    public Uni<String> patch(@PathParam("id") long id, @PathParam("number") int number,
            @QueryParam("ownerId") Long ownerId) {
        return history.patch(id, Owners.require(ownerId), number);
    }

    @POST
    @Path("/{number}/rollback")
    @Operation(summary = "Restore the files the task changed as they were before it (409 if later tasks changed them, or it is already undone)")
    public Uni<ProjectService.BatchOutcome> rollback(@PathParam("id") long id, @PathParam("number") int number,
            @QueryParam("ownerId") Long ownerId) {
        return history.rollback(id, Owners.require(ownerId), number);
    }
}
