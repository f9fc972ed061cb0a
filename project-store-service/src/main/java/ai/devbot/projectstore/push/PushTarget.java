package ai.devbot.projectstore.push;

import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;

import org.eclipse.jgit.transport.URIish;

/**
 * Where a user asks their project to be pushed: an SSH address ({@code git@github.com:you/project.git} or
 * {@code ssh://git@host[:port]/path}) on one of the allowed forge hosts — a deploy key speaks SSH only, and
 * pushes go nowhere else. Checked before anything is stored or any connection is made. Pure.
 */
public record PushTarget(URIish uri) {

    /** Thrown with what the user is told. */
    public static final class RefusedException extends RuntimeException {
        public RefusedException(String message) {
            super(message);
        }
    }

    public static PushTarget parse(String address, Set<String> hosts) {
        if (address == null || address.isBlank() || address.length() > 500 || !address.strip().matches("\\S+")) {
            throw new RefusedException("send the repository's SSH address in one piece (like git@github.com:you/project.git)");
        }
        URIish uri;
        try {
            uri = new URIish(address.strip());
        } catch (URISyntaxException e) {
            throw new RefusedException("that is not a repository address (like git@github.com:you/project.git)");
        }
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean scpLike = scheme == null && uri.getHost() != null;
        if (!scpLike && !"ssh".equals(scheme)) {
            throw new RefusedException("only SSH addresses are pushed to (like git@github.com:you/project.git): "
                    + "the bot pushes with a deploy key, and deploy keys speak SSH");
        }
        if (uri.getPass() != null) {
            throw new RefusedException("the address has a password in it; the bot never takes one — it uses a deploy key");
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if (!hosts.contains(host)) {
            throw new RefusedException("the bot pushes only to " + String.join(", ", hosts.stream().sorted().toList()));
        }
        String path = uri.getPath() == null ? "" : uri.getPath();
        if (path.replace("/", "").isEmpty() || path.contains("..") || path.startsWith("-")
                || !path.matches("[A-Za-z0-9._~/+-]+")) {
            throw new RefusedException("the address names no repository the bot can push to "
                    + "(like git@github.com:you/project.git)");
        }
        return new PushTarget(uri.setHost(host).setUser(uri.getUser() == null ? "git" : uri.getUser()));
    }

    /** The host of a stored address, or null when it no longer parses. */
    public static String hostOf(String address) {
        try {
            return new URIish(address).getHost();
        } catch (URISyntaxException e) {
            return null;
        }
    }

    public String host() {
        return uri.getHost();
    }

    public int port() {
        return uri.getPort() > 0 ? uri.getPort() : 22;
    }

    /** The same repository reached at an already checked address, so no second name lookup can redirect it. */
    public URIish at(String address) {
        return uri.setHost(address);
    }

    /** As the user wrote it (normalised). */
    public String address() {
        return uri.toString();
    }

    /** {@code devbot/<slug>}: the one branch a push writes. */
    public static String branch(String projectTitle, long projectId) {
        String slug = (projectTitle == null ? "" : projectTitle).toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (slug.length() > 40) {
            slug = slug.substring(0, 40).replaceAll("-+$", "");
        }
        return "devbot/" + (slug.isEmpty() ? "project-" + projectId : slug);
    }
}
