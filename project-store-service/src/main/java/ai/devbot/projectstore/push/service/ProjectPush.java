package ai.devbot.projectstore.push.service;

import java.security.KeyPair;
import java.security.PublicKey;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import ai.devbot.projectstore.config.ProjectStoreConfig;
import ai.devbot.projectstore.history.service.HistoryExport;
import ai.devbot.projectstore.imports.git.AddressPolicy;
import ai.devbot.projectstore.project.ConflictException;
import ai.devbot.projectstore.project.Project;
import ai.devbot.projectstore.project.service.ProjectService;
import ai.devbot.projectstore.push.DeployKey;
import ai.devbot.projectstore.push.GitPush;
import ai.devbot.projectstore.push.PushTarget;
import ai.devbot.projectstore.push.SealedKeys;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * /push per project (ADR 0013): the repository it goes to and its deploy key — made here on first use, the
 * private half sealed at rest and never answered — then pushes of the project's history to {@code devbot/<slug>}.
 */
@ApplicationScoped
public class ProjectPush {

    /** What the user adds to the repository: the public key, its fingerprint, the branch that will be written. */
    public record Setup(String address, String branch, String publicKey, String fingerprint) {
    }

    /** {@code outcome} is {@code pushed} or {@code up_to_date}; the host key is shown on the first contact. */
    public record Pushed(String outcome, String address, String branch, String commit, int commits,
            String hostKeyFingerprint, boolean firstContact) {
    }

    private final Pool pool;
    private final ProjectService projects;
    private final HistoryExport history;
    private final SealedKeys sealed;
    private final String notConfigured;
    private final Set<String> hosts;
    private final GitPush.Policy policy;

    public ProjectPush(Pool pool, ProjectService projects, HistoryExport history, ProjectStoreConfig config) {
        this.pool = pool;
        this.projects = projects;
        this.history = history;
        var push = config.push();
        SealedKeys keys = null;
        String why = null;
        try {
            keys = SealedKeys.parse(push.keyEncryptionKey().orElse(null));
        } catch (IllegalArgumentException e) {
            why = e.getMessage();
        }
        this.sealed = keys;
        this.notConfigured = why;
        this.hosts = push.hosts();
        this.policy = new GitPush.Policy(push.allowedNetworks().orElse(List.of()).stream()
                .map(AddressPolicy.Network::parse).toList(), push.timeout());
    }

    /** Sets (or changes) where the project is pushed; makes its deploy key the first time. */
    public Uni<Setup> setUp(long projectId, long ownerId, String address) {
        SealedKeys keys = keys();
        PushTarget target = PushTarget.parse(address, hosts);
        return projects.get(projectId, ownerId).chain(project -> stored(projectId).chain(row -> {
            if (row != null) {
                // Another host means another server key: the next push meets it anew.
                boolean sameHost = target.host().equals(PushTarget.hostOf(row.getString("address")));
                return pool.preparedQuery("UPDATE project_push SET address = $2, host_key = CASE WHEN $3 THEN host_key END "
                        + "WHERE project_id = $1").execute(Tuple.of(projectId, target.address(), sameHost))
                        .replaceWith(setup(project, target.address(), row));
            }
            KeyPair key = DeployKey.generate();
            SealedKeys.Sealed privateKey = keys.seal(key.getPrivate().getEncoded(), binding(projectId));
            return pool.preparedQuery("INSERT INTO project_push (project_id, address, public_key, private_key_sealed, "
                    + "key_version) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (project_id) DO NOTHING")
                    .execute(Tuple.of(projectId, target.address(), Buffer.buffer(key.getPublic().getEncoded()),
                            Buffer.buffer(privateKey.bytes()), privateKey.version()))
                    .chain(() -> stored(projectId)).map(saved -> setup(project, target.address(), saved));
        }));
    }

    /** Pushes the project's history; refused (422) with what to do when the repository does not take it. */
    public Uni<Pushed> push(long projectId, long ownerId) {
        SealedKeys keys = keys();
        return projects.get(projectId, ownerId).chain(project -> stored(projectId).chain(row -> {
            if (row == null) {
                throw new ConflictException("the project has no repository to push to yet: send /push with the "
                        + "repository's SSH address first (like git@github.com:you/project.git)");
            }
            String address = row.getString("address");
            String knownHostKey = row.getString("host_key");
            KeyPair key = DeployKey.of(row.getBuffer("public_key").getBytes(), keys.open(new SealedKeys.Sealed(
                    row.getInteger("key_version"), row.getBuffer("private_key_sealed").getBytes()), binding(projectId)));
            String branch = PushTarget.branch(project.title(), projectId);
            return history.history(projectId, ownerId).chain(found -> Uni.createFrom()
                    .item(() -> GitPush.push(found.commits(), PushTarget.parse(address, hosts), branch, key,
                            knownHostKey, policy))
                    .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                    .chain(result -> pool.preparedQuery("UPDATE project_push SET host_key = coalesce(host_key, $2), "
                            + "pushed_commit = $3, pushed_at = now() WHERE project_id = $1")
                            .execute(Tuple.of(projectId, result.hostKey(), result.head().name()))
                            .map(updated -> new Pushed(result.outcome() == GitPush.Outcome.PUSHED ? "pushed" : "up_to_date",
                                    address, branch, result.head().name(), found.commits().size(),
                                    result.hostKeyFingerprint(),
                                    knownHostKey == null))));
        }));
    }

    /** /forget: the project's deploy key and push address deleted; answers whether there were any. */
    public Uni<Boolean> forget(long projectId, long ownerId) {
        return projects.get(projectId, ownerId).chain(project -> pool.preparedQuery(
                "DELETE FROM project_push WHERE project_id = $1").execute(Tuple.of(projectId)))
                .map(rows -> rows.rowCount() > 0);
    }

    private SealedKeys keys() {
        if (sealed == null) {
            throw new PushTarget.RefusedException("pushing is not set up on this server (" + notConfigured
                    + "); ask the operator");
        }
        return sealed;
    }

    private Uni<Row> stored(long projectId) {
        return pool.preparedQuery("SELECT address, public_key, private_key_sealed, key_version, host_key "
                + "FROM project_push WHERE project_id = $1").execute(Tuple.of(projectId))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next());
    }

    private static Setup setup(Project project, String address, Row row) {
        PublicKey key = DeployKey.publicKey(row.getBuffer("public_key").getBytes());
        String branch = PushTarget.branch(project.title(), project.id());
        return new Setup(address, branch, DeployKey.openSsh(key, "devbot-" + branch.substring("devbot/".length())),
                DeployKey.fingerprint(key));
    }

    private static String binding(long projectId) {
        return "project_push:" + projectId;
    }
}
