package ai.devbot.projectstore.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Set;

import org.junit.jupiter.api.Test;

class PushTargetTest {

    private static final Set<String> FORGES = Set.of("github.com", "gitlab.com");

    @Test
    void scpLikeAndSshAddressesOnAForgeAreTakenAndReachedAtTheCheckedAddress() {
        PushTarget scp = PushTarget.parse("git@GitHub.com:me/habits.git", FORGES);
        assertEquals("github.com", scp.host());
        assertEquals(22, scp.port());
        assertEquals("git@140.82.112.3:me/habits.git", scp.at("140.82.112.3").toString());

        PushTarget ssh = PushTarget.parse("ssh://gitlab.com:2222/group/sub/habits.git", FORGES);
        assertEquals(2222, ssh.port());
        assertEquals("ssh://git@gitlab.com:2222/group/sub/habits.git", ssh.address(), "the forge user is git");
    }

    @Test
    void otherSchemesHostsAndHostilePathsAreRefused() {
        for (String bad : new String[] { "https://github.com/me/habits.git", "git://github.com/me/habits.git",
                "file:///etc", "/srv/git/habits.git", "git@github.com.evil.example:me/h.git", "git@github.com:",
                "git@github.com:../../etc", "git@github.com:-oProxyCommand=x", "git@github.com:me/h;rm -rf",
                "ssh://me:pw@github.com/me/h.git", "git@github.com:me/h\u0000.git", "" }) {
            assertThrows(PushTarget.RefusedException.class, () -> PushTarget.parse(bad, FORGES), bad);
        }
    }

    @Test
    void theBranchIsDevbotSlashASlugOfTheTitle() {
        assertEquals("devbot/habit-tracker", PushTarget.branch("Habit Tracker!", 7));
        assertEquals("devbot/project-7", PushTarget.branch("  ???  ", 7));
        assertEquals("devbot/" + "a".repeat(40), PushTarget.branch("a".repeat(90), 7));
        assertEquals("devbot/caf", PushTarget.branch("Café", 7));
    }
}
