package ai.devbot.projectstore.push;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.util.List;

import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.SshException;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.eclipse.jgit.errors.NoRemoteRepositoryException;
import org.eclipse.jgit.internal.storage.dfs.DfsRepositoryDescription;
import org.eclipse.jgit.internal.storage.dfs.InMemoryRepository;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.transport.sshd.ServerKeyDatabase;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.transport.sshd.SshdSessionFactoryBuilder;

import ai.devbot.projectstore.history.GitHistory;
import ai.devbot.projectstore.imports.git.AddressPolicy;

/**
 * One push of a project's history to its branch on the user's repository, over SSH with the project's deploy
 * key, in process (JGit with Apache MINA SSHD). Nothing of the host is used: no {@code ~/.ssh}, no ssh config,
 * no agent, no known_hosts — the server's key is the one this project met first (trust on first use), and the
 * host is resolved once, checked like an import's, and connected to at that very address. Never forced: a
 * branch with history we do not have is left alone.
 */
public final class GitPush {

    public record Policy(List<AddressPolicy.Network> allowedNetworks, Duration timeout) {
    }

    /** What happened: {@code hostKey} is the server's key (OpenSSH line) the push met. */
    public record Result(Outcome outcome, String branch, ObjectId head, String hostKey, String hostKeyFingerprint) {
    }

    public enum Outcome {
        PUSHED, UP_TO_DATE
    }

    /** Thrown with what the user is told; {@code keyRefused} when the repository did not take the deploy key. */
    public static final class FailedException extends RuntimeException {
        public final boolean keyRefused;

        FailedException(String message, boolean keyRefused) {
            super(message);
            this.keyRefused = keyRefused;
        }
    }

    private GitPush() {
    }

    public static Result push(List<GitHistory.Commit> commits, PushTarget target, String branch, KeyPair key,
            String knownHostKey, Policy policy) {
        String address = checkedAddress(target, new AddressPolicy(policy.allowedNetworks()));
        HostKey hostKey = new HostKey(knownHostKey);
        Path home = null;
        try (InMemoryRepository repository = new InMemoryRepository(new DfsRepositoryDescription("push"))) {
            ObjectId head = GitHistory.writeInto(repository, commits);
            home = Files.createTempDirectory("devbot-push-");
            java.io.File empty = home.toFile();
            SshdSessionFactory ssh = new SshdSessionFactoryBuilder().setHomeDirectory(empty).setSshDirectory(empty).setConfigStoreFactory((h, file, user) -> null)
                    .setDefaultKnownHostsFiles(dir -> List.of()).setDefaultIdentities(dir -> List.of())
                    .setDefaultKeysProvider(dir -> List.of(key)).setServerKeyDatabase((h, dir) -> hostKey)
                    .setPreferredAuthentications("publickey").setConnectorFactory(null).build(null);
            try (ssh; Transport transport = Transport.open(repository, target.at(address))) {
                ((SshTransport) transport).setSshSessionFactory(ssh);
                transport.setTimeout((int) Math.max(1, policy.timeout().toSeconds()));
                transport.setPushThin(true);
                String ref = "refs/heads/" + branch;
                RemoteRefUpdate update = new RemoteRefUpdate(repository, null, head, ref, false, null, null);
                PushResult result = transport.push(NullProgressMonitor.INSTANCE, List.of(update));
                RemoteRefUpdate answered = result.getRemoteUpdate(ref);
                return new Result(outcome(answered, branch), branch, head, hostKey.met,
                        DeployKey.fingerprint(hostKey.presented));
            }
        } catch (FailedException e) {
            throw e;
        } catch (Exception e) {
            if (hostKey.changed) {
                throw new FailedException("the server's host key is not the one met on the first push (now "
                        + DeployKey.fingerprint(hostKey.presented) + "); nothing was pushed. If the forge changed its "
                        + "key, /forget and set the push up again", false);
            }
            throw why(e);
        } finally {
            delete(home);
        }
    }

    private static Outcome outcome(RemoteRefUpdate update, String branch) {
        return switch (update.getStatus()) {
            case OK -> Outcome.PUSHED;
            case UP_TO_DATE -> Outcome.UP_TO_DATE;
            case REJECTED_NONFASTFORWARD, REJECTED_REMOTE_CHANGED -> throw new FailedException("the branch " + branch
                    + " on the repository has commits this project does not have, and the bot never overwrites them; "
                    + "nothing was pushed. Merge or rename that branch (or delete it), then /push again", false);
            default -> throw new FailedException("the repository refused the branch " + branch
                    + (update.getMessage() == null ? "" : " (" + update.getMessage() + ")")
                    + "; nothing was pushed. Is the branch protected?", false);
        };
    }

    /** The host's first address, when every address it has may be reached. */
    private static String checkedAddress(PushTarget target, AddressPolicy policy) {
        InetAddress[] resolved;
        try {
            resolved = InetAddress.getAllByName(target.host());
        } catch (UnknownHostException e) {
            throw new FailedException("the host " + target.host() + " is not known", false);
        }
        for (InetAddress address : resolved) {
            String why = policy.refusal(address);
            if (why != null) {
                throw new FailedException(why.replace("only public repositories are imported",
                        "pushes go only to public forges"), false);
            }
        }
        return resolved[0].getHostAddress();
    }

    private static FailedException why(Exception e) {
        SshException ssh = cause(e, SshException.class);
        if (ssh != null && ssh.getDisconnectCode() == SshConstants.SSH2_DISCONNECT_NO_MORE_AUTH_METHODS_AVAILABLE) {
            return new FailedException("the repository did not take the project's deploy key: add it to the "
                    + "repository's deploy keys with write access, then /push again", true);
        }
        if (cause(e, NoRemoteRepositoryException.class) != null) {
            return new FailedException("there is no repository at that address, or the deploy key may not write to "
                    + "it: check the address and that the key was added with write access", true);
        }
        if (cause(e, UnknownHostException.class) != null) {
            return new FailedException("the server's name is not known", false);
        }
        if (cause(e, ConnectException.class) != null || cause(e, NoRouteToHostException.class) != null) {
            return new FailedException("the server could not be reached; try again later", false);
        }
        if (cause(e, InterruptedIOException.class) != null) {
            return new FailedException("the server did not answer in time; try again later", false);
        }
        return new FailedException("the push failed; nothing was changed on the repository. Try again later", false);
    }

    private static <T extends Throwable> T cause(Throwable e, Class<T> kind) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (kind.isInstance(cause)) {
                return kind.cast(cause);
            }
        }
        return null;
    }

    /** Trust on first use: the first key met is recorded; later only that key is taken. */
    private static final class HostKey implements ServerKeyDatabase {
        private final String known;
        volatile String met;
        volatile PublicKey presented;
        volatile boolean changed;

        HostKey(String known) {
            this.known = known;
        }

        @Override
        public List<PublicKey> lookup(String connectAddress, InetSocketAddress remoteAddress, Configuration config) {
            return List.of();
        }

        @Override
        public boolean accept(String connectAddress, InetSocketAddress remoteAddress, PublicKey serverKey,
                Configuration config, CredentialsProvider provider) {
            String line = PublicKeyEntry.toString(serverKey);
            presented = serverKey;
            if (known == null || known.equals(line)) {
                met = line;
                return true;
            }
            changed = true;
            return false;
        }
    }

    private static void delete(Path folder) {
        if (folder != null) {
            folder.toFile().delete(); // empty: JGit writes nothing into a home it only reads
        }
    }
}
