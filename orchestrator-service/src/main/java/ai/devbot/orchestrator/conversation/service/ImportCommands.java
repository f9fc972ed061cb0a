package ai.devbot.orchestrator.conversation.service;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import ai.devbot.orchestrator.conversation.Command;
import ai.devbot.orchestrator.job.model.JobStep;
import ai.devbot.orchestrator.job.model.Work;
import ai.devbot.orchestrator.job.service.JobLauncher;
import ai.devbot.orchestrator.reply.Markdown;
import ai.devbot.orchestrator.session.Session;

/** Existing code in: /import explains, a .zip the user sends becomes an IMPORT job. */
@ApplicationScoped
class ImportCommands implements CommandFamily {

    static final String HOW = "Send me the project as a **.zip** file (up to 20 MB; leave out `node_modules`, build "
            + "output and `.git`): I import it as a new project, read it, and then you tell me what to change.";

    private final JobLauncher launcher;

    ImportCommands(JobLauncher launcher) {
        this.launcher = launcher;
    }

    @Override
    public Set<String> commands() {
        return Set.of("import");
    }

    @Override
    public void run(String command, Answer answer, Session session, String args) {
        answer.say(args.isBlank() ? HOW : "`/import` takes a zip for now, not a link. " + HOW);
    }

    /** A file the user sent: the gateway fetched it into an upload, or says why it did not. */
    void document(Answer answer) {
        Command.Document document = answer.command.document();
        String name = document.fileName() == null ? "the file" : Markdown.code(document.fileName());
        if (document.refusal() != null) {
            answer.say("I could not take " + name + ": " + Markdown.text(document.refusal()) + ". " + HOW);
            return;
        }
        var job = JobLauncher.job(answer.origin(), new Work.Import(document.uploadId(),
                document.fileName() == null ? "project.zip" : document.fileName(), null, null), null, null);
        answer.tell(launcher.launch(job, JobStep.IMPORT, "📦 Importing " + name + "… every file is checked, then the "
                + "architect reads the project."));
    }
}
