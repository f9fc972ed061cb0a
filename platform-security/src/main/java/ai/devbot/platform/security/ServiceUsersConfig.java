package ai.devbot.platform.security;

import java.util.Map;
import java.util.Set;

import io.smallrye.config.ConfigMapping;

/**
 * The users HTTP Basic authenticates (docs/adr/0004-service-authentication.md), e.g.
 * {@code devbot.security.users.service.password=${DEVBOT_SERVICE_PASSWORD}} and
 * {@code devbot.security.users.service.roles=service}. Passwords come from the environment.
 */
@ConfigMapping(prefix = "devbot.security")
public interface ServiceUsersConfig {

    Map<String, User> users();

    interface User {
        String password();

        Set<String> roles();
    }
}
