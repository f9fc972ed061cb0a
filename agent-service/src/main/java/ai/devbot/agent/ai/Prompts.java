package ai.devbot.agent.ai;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;

/**
 * The prompt templates under {@code prompts/}, parsed once at startup with the application's Qute
 * engine and rendered per call into the finished system and user messages the model is sent.
 */
@ApplicationScoped
public class Prompts {

    private final Map<String, Template> templates = new HashMap<>();

    public Prompts(Engine engine) {
        for (String operation : new String[] { "plan", "review", "extend", "readme", "implement", "onboard" }) {
            for (String part : new String[] { "system", "user" }) {
                String name = operation + "-" + part;
                templates.put(name, engine.parse(resource("prompts/" + name + ".md"), null, name));
            }
        }
    }

    /** The prompt {@code name} (e.g. {@code review-user}) with {@code data} as name, value pairs. */
    public String render(String name, Object... data) {
        Template template = templates.get(name);
        if (template == null) {
            throw new IllegalArgumentException("no prompt " + name);
        }
        if (data.length % 2 != 0) {
            throw new IllegalArgumentException("prompt data comes in name, value pairs: " + data.length + " items");
        }
        TemplateInstance instance = template.instance();
        for (int i = 0; i < data.length; i += 2) {
            instance.data((String) data[i], data[i + 1]);
        }
        return instance.render();
    }

    /** A resource under the class path as text (edit-format descriptions are inserted verbatim). */
    public static String resource(String path) {
        try (InputStream in = Prompts.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing prompt resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
