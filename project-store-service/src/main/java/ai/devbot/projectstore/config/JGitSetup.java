package ai.devbot.projectstore.config;

import java.io.File;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.storage.file.FileBasedConfig;
import org.eclipse.jgit.util.FS;
import org.eclipse.jgit.util.SystemReader;

import ai.devbot.projectstore.imports.git.GitClone;
import io.quarkus.runtime.StartupEvent;

/**
 * JGit's process-wide settings, made once at start: no git configuration of the host (a user's or the
 * system's {@code url.*.insteadOf}, proxies or {@code http.sslVerify} must not change what an import reaches
 * or what a history contains), and every HTTP connection through the import's guard.
 */
@Singleton
public class JGitSetup {

    void onStart(@Observes StartupEvent start) {
        SystemReader.setInstance(new WithoutHostConfig(SystemReader.getInstance()));
        GitClone.guardConnections();
    }

    /** The host's environment and clock, but empty user, system and JGit configuration files. */
    private static final class WithoutHostConfig extends SystemReader.Delegate {
        WithoutHostConfig(SystemReader host) {
            super(host);
        }

        @Override
        public FileBasedConfig openUserConfig(Config parent, FS fs) {
            return new Empty(parent, fs);
        }

        @Override
        public FileBasedConfig openSystemConfig(Config parent, FS fs) {
            return new Empty(parent, fs);
        }

        @Override
        public FileBasedConfig openJGitConfig(Config parent, FS fs) {
            return new Empty(parent, fs);
        }
    }

    private static final class Empty extends FileBasedConfig {
        Empty(Config parent, FS fs) {
            super(parent, (File) null, fs);
        }

        @Override
        public void load() {
        }

        @Override
        public void save() {
        }

        @Override
        public boolean isOutdated() {
            return false;
        }
    }
}
