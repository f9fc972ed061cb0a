package ai.devbot.projectstore.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** What project-store decides by configuration (application.properties, prefix {@code project-store}). */
@ConfigMapping(prefix = "project-store")
public interface ProjectStoreConfig {

    Imports imports();

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
    }
}
