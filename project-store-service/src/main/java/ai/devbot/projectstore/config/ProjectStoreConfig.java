package ai.devbot.projectstore.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** What project-store decides by configuration (application.properties, prefix {@code project-store}). */
@ConfigMapping(prefix = "project-store")
public interface ProjectStoreConfig {

    Imports imports();

    Push push();

    /** /push: where a project's history may go and how its deploy key is kept. */
    interface Push {
        /**
         * The key-encryption key sealing deploy keys: 64 hex digits, or {@code 2:<hex>,1:<hex>} while rotating
         * (the first seals, all open). From the Secret {@code DEVBOT_KEY_ENCRYPTION_KEY}; without it /push is off.
         */
        Optional<String> keyEncryptionKey();

        /** Forge hosts a push may go to (tests add 127.0.0.1 for their loopback sshd). */
        @WithDefault("github.com,gitlab.com,bitbucket.org")
        Set<String> hosts();

        /** Networks (CIDR) a push may reach although they are not public; none in production. */
        Optional<List<String>> allowedNetworks();

        /** Connection and read timeout of one push. */
        @WithDefault("PT60S")
        Duration timeout();
    }

    interface Imports {
        /** The largest upload taken: Telegram's 20 MB download limit for bots. */
        @WithDefault("20971520")
        long maxUploadBytes();

        /** How long an upload waits to be imported. */
        @WithDefault("P1D")
        Duration keepUploadsFor();

        /** Entries read from an archive's directory (files and folders); more refuse the archive. */
        @WithDefault("10000")
        int maxEntries();

        /** Project files imported; more refuse the archive. */
        @WithDefault("2000")
        int maxFiles();

        /** One file's largest unpacked size; a larger file is left out and listed. */
        @WithDefault("1048576")
        long maxFileBytes();

        /** All files' unpacked size together; more refuses the archive (a zip bomb stops here). */
        @WithDefault("52428800")
        long maxTotalBytes();

        Git git();
    }

    /** /import https://…: what a clone may reach, download and take. */
    interface Git {
        /** Link schemes cloned (tests add http for their loopback server). */
        @WithDefault("https")
        Set<String> schemes();

        /**
         * Networks (CIDR) a clone may reach although they are not public — none in production, where loopback,
         * private and link-local addresses are refused at every redirect.
         */
        Optional<List<String>> allowedNetworks();

        /** The whole clone's time. */
        @WithDefault("PT60S")
        Duration timeout();

        /** Bytes received from the server (the packed history of the newest commit). */
        @WithDefault("52428800")
        long maxDownloadBytes();

        /** Clones at once; one more waits up to the timeout, then is refused as busy. */
        @WithDefault("2")
        int maxConcurrent();
    }
}
