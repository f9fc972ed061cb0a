package ai.devbot.projectstore.index.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.context.ManagedExecutor;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import io.quarkus.runtime.StartupEvent;

/** all-MiniLM-L6-v2 in process (ONNX, 384 dimensions): no network, no key, the same vectors every time. */
@ApplicationScoped
public class Embedder {

    private volatile EmbeddingModel model;
    private volatile String failure;

    /** Loads the model in the background at start, so the first search does not wait and a failure shows on health. */
    void warmUp(@Observes StartupEvent start, ManagedExecutor executor) {
        executor.runAsync(() -> embed("warm up"));
    }

    /** Why the model could not be loaded, or null. */
    public String failure() {
        return failure;
    }

    public boolean loaded() {
        return model != null;
    }

    /** Blocking: call from a worker thread. */
    public List<float[]> embed(List<String> texts) {
        if (texts.isEmpty()) {
            return List.of();
        }
        List<TextSegment> segments = texts.stream().map(TextSegment::from).toList();
        return model().embedAll(segments).content().stream().map(Embedding::vector).toList();
    }

    public float[] embed(String text) {
        return embed(List.of(text)).get(0);
    }

    /** pgvector's text form: {@code [0.1,0.2,…]}. */
    public static String literal(float[] vector) {
        var text = new StringBuilder(vector.length * 10).append('[');
        for (int i = 0; i < vector.length; i++) {
            if (i > 0) {
                text.append(',');
            }
            text.append(vector[i]);
        }
        return text.append(']').toString();
    }

    private EmbeddingModel model() {
        EmbeddingModel loaded = model;
        if (loaded == null) {
            synchronized (this) {
                if (model == null) {
                    try {
                        model = new AllMiniLmL6V2EmbeddingModel();
                        failure = null;
                    } catch (Throwable e) {
                        failure = e.getClass().getSimpleName() + ": " + e.getMessage();
                        throw e;
                    }
                }
                loaded = model;
            }
        }
        return loaded;
    }
}
