package ai.devbot.orchestrator.conversation.service;

import java.util.Set;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import ai.devbot.orchestrator.conversation.Command;
import ai.devbot.orchestrator.job.model.JobStep;
import ai.devbot.orchestrator.job.model.Work;
import ai.devbot.orchestrator.job.service.JobLauncher;
import ai.devbot.orchestrator.reply.Markdown;
import ai.devbot.orchestrator.session.Session;

/** Existing code in: /import explains or takes a repository link, a .zip the user sends becomes an IMPORT job. */
@ApplicationScoped
class ImportCommands implements CommandFamily {

    static final String HOW = "Send me the project as a **.zip** file (up to 20 MB; leave out `node_modules`, build "
            + "output and `.git`), or a public repository's link: `/import https://github.com/you/project`. I import "
            + "it as a new project, read it, and then you tell me what to change.";

    /** A link as users paste it: with https://, or starting at the host (github.com/you/project). */
    private static final Pattern LINK = Pattern.compile(
            "(?i)https?://[^\\s/]+/\\S+|([a-z0-9-]+\\.)+[a-z]{2,}(:\\d+)?/\\S+");

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
        String link = args.strip();
        if (link.isEmpty()) {
            answer.say(HOW);
            return;
        }
        if (!LINK.matcher(link).matches()) {
            answer.say("That is not a repository link. " + HOW);
            return;
        }
        String url = link.contains("://") ? link : "https://" + link;
        var job = JobLauncher.job(answer.origin(), new Work.Import(null, url, url, null, null), null, null);
        answer.tell(launcher.launch(job, JobStep.IMPORT, "📦 Cloning " + Markdown.code(url) + "… every file is "
                + "checked, then the architect reads the project."));
    }

    /** A file the user sent: the gateway fetched it into an upload, or says why it did not. */
    void document(Answer answer) {
        Command.Document document = answer.command.document();
        String name = document.fileName() == null ? "the file" : Markdown.code(document.fileName());
        if (document.refusal() != null) {
            answer.say("I could not take " + name + ": " + Markdown.text(document.refusal()) + ". " + HOW);
            return;
        }
        var job = JobLauncher.job(answer.origin(), new Work.Import(document.uploadId(), null,
                document.fileName() == null ? "project.zip" : document.fileName(), null, null), null, null);
        answer.tell(launcher.launch(job, JobStep.IMPORT, "📦 Importing " + name + "… every file is checked, then the "
                + "architect reads the project."));
    }
}
