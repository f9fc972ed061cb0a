package ai.devbot.platform.security;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * Checks Basic credentials against {@link ServiceUsersConfig} in memory, on the calling thread.
 * Quarkus's properties realm does the same lookup on a worker thread and back, two thread
 * hand-offs on every request before the endpoint even starts (agent-service README, benchmark).
 * Passwords are compared as SHA-256 digests in constant time, so neither their content nor their
 * length shows in the response time.
 */
@ApplicationScoped
public class ServiceUsersIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    private final Map<String, Account> accounts = new TreeMap<>();

    public ServiceUsersIdentityProvider(ServiceUsersConfig config) {
        config.users().forEach((name, user) -> {
            if (user.password().isBlank()) {
                throw new IllegalStateException("devbot.security.users." + name + ".password is empty: set it from a Secret");
            }
            accounts.put(name, new Account(digest(user.password().getBytes(StandardCharsets.UTF_8)), Set.copyOf(user.roles())));
        });
        if (accounts.isEmpty()) {
            throw new IllegalStateException("devbot.security.users has no user: every API call would be refused");
        }
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request,
            AuthenticationRequestContext context) {
        Account account = accounts.get(request.getUsername());
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(request.getPassword().getPassword()));
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        byte[] given = digest(bytes);
        if (account == null || !MessageDigest.isEqual(account.passwordDigest(), given)) {
            return Uni.createFrom().failure(new AuthenticationFailedException());
        }
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(request.getUsername()))
                .addRoles(account.roles())
                .build());
    }

    private static byte[] digest(byte[] secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }

    private record Account(byte[] passwordDigest, Set<String> roles) {
    }
}
