package ai.devbot.orchestrator.conversation.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import ai.devbot.orchestrator.conversation.Command;
import ai.devbot.orchestrator.job.model.Job;
import ai.devbot.orchestrator.job.model.JobStep;
import ai.devbot.orchestrator.job.model.Work;
import ai.devbot.orchestrator.job.service.JobLauncher;
import ai.devbot.orchestrator.reply.Replies;
import ai.devbot.orchestrator.reply.Reply;
import ai.devbot.orchestrator.session.Session;

/** /import: explains without a link, refuses what is not one, and turns a repository link into an IMPORT job. */
class ImportCommandsTest {

    private static final long USER = 42;

    private final JobLauncher launcher = mock(JobLauncher.class);
    private final Replies replies = mock(Replies.class);
    private final ImportCommands imports = new ImportCommands(launcher);
    private final Session session = Session.fresh(USER, USER);
    private final Answer answer = new Answer(new Command("tg-1", 1L, USER, null, USER, null, null, null,
            Command.Kind.COMMAND, null, null, null, null, null, null, null, null, null, null), replies);

    @BeforeEach
    void setUp() {
        when(launcher.launch(any(), any(), anyString())).thenReturn(new JobLauncher.Launch(true, null, null));
    }

    @Test
    void aRepositoryLinkBecomesAnImportJobOfThatLink() {
        imports.run("import", answer, session, " https://github.com/me/tip-calc ");

        Work.Import work = launched().work(Work.Import.class);
        assertEquals("https://github.com/me/tip-calc", work.url());
        assertEquals(null, work.uploadId());
    }

    @Test
    void aLinkWithoutItsSchemeIsTakenAsHttps() {
        imports.run("import", answer, session, "github.com/me/tip-calc.git");

        assertEquals("https://github.com/me/tip-calc.git", launched().work(Work.Import.class).url());
    }

    @Test
    void withoutALinkItExplainsBothWaysAndWhatIsNotALinkIsRefused() {
        imports.run("import", answer, session, "");
        imports.run("import", answer, session, "my project please");

        ArgumentCaptor<Reply> said = ArgumentCaptor.forClass(Reply.class);
        verify(replies, org.mockito.Mockito.times(2)).send(any(), said.capture());
        assertTrue(said.getAllValues().get(0).text().contains("/import https://github.com/you/project"));
        assertTrue(said.getAllValues().get(1).text().startsWith("That is not a repository link."));
        verify(launcher, never()).launch(any(), any(), anyString());
    }

    private Job launched() {
        ArgumentCaptor<Job> job = ArgumentCaptor.forClass(Job.class);
        verify(launcher).launch(job.capture(), eq(JobStep.IMPORT), anyString());
        return job.getValue();
    }
}
