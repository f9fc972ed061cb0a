package ai.devbot.agent.operation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AnswerFormatsTest {

    static final String PLAN = """
            {"title": "Word counter", "summary": "Counts words.", "techStack": ["Python 3.12"],
             "architecture": "# Word counter", "checks": {"setup": "", "check": "python3 -m pytest -q"}, "tasks": [{"title": "Skeleton", "description": "Package and CLI",
             "acceptanceCriteria": ["python -m wordcount runs"]}]}""";

    @Test
    void aPlanIsReadBareOrFencedWithProseAround() throws Exception {
        assertEquals("Word counter", AnswerFormats.plan(PLAN).title());
        assertEquals(1, AnswerFormats.plan("Here is the plan:\n```json\n" + PLAN + "\n```\nGood luck!").tasks().size());
    }

    @Test
    void everyProblemOfAPlanIsNamedForTheCorrection() {
        var invalid = assertThrows(AnswerFormats.InvalidAnswer.class, () -> AnswerFormats.plan(
                "{\"title\": \"\", \"techStack\": [], \"tasks\": [{\"title\": \"x\", \"description\": \"y\"}]}"));
        for (String expected : new String[] { "title", "summary", "architecture", "techStack", "checks is missing",
                "task 1 needs at least one acceptance criterion" }) {
            assertTrue(invalid.getMessage().contains(expected), invalid.getMessage());
        }
    }

    @Test
    void aPlansChecksAreReadAndACheckCommandIsRequired() throws Exception {
        assertEquals("python3 -m pytest -q", AnswerFormats.plan(PLAN).checks().check());
        var noCheck = assertThrows(AnswerFormats.InvalidAnswer.class, () -> AnswerFormats.plan(
                PLAN.replace("\"check\": \"python3 -m pytest -q\"", "\"check\": \"  \"")));
        assertTrue(noCheck.getMessage().contains("checks.check"), noCheck.getMessage());
        var tooLong = assertThrows(AnswerFormats.InvalidAnswer.class, () -> AnswerFormats.plan(
                PLAN.replace("python3 -m pytest -q", "x".repeat(1001))));
        assertTrue(tooLong.getMessage().contains("at most 1000"), tooLong.getMessage());
        assertEquals(null, AnswerFormats.extension("{\"tasks\": [{\"title\": \"t\", \"description\": \"d\", "
                + "\"acceptanceCriteria\": [\"c\"]}]}").checks());
    }

    @Test
    void truncatedAndMissingJsonSayWhatHappened() {
        assertTrue(assertThrows(AnswerFormats.InvalidAnswer.class, () -> AnswerFormats.plan(PLAN.substring(0, 80)))
                .getMessage().contains("cut off"));
        assertTrue(assertThrows(AnswerFormats.InvalidAnswer.class, () -> AnswerFormats.plan("I cannot plan this."))
                .getMessage().contains("no JSON object"));
        assertTrue(assertThrows(AnswerFormats.InvalidAnswer.class, () -> AnswerFormats.plan("{\"title\": oops}"))
                .getMessage().contains("does not parse"));
    }

    @Test
    void aRejectionMustSayWhatToFix() throws Exception {
        assertTrue(assertThrows(AnswerFormats.InvalidAnswer.class,
                () -> AnswerFormats.review("{\"approved\": false, \"problems\": []}")).getMessage().contains("problems"));
        assertEquals(Boolean.TRUE, AnswerFormats.review("{\"approved\": true}").approved());
    }
}
