package ai.devbot.projectstore.index;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The code index from the packaged jar (the ONNX model loads there too). */
@QuarkusIntegrationTest
class CodeIndexIT extends CodeIndexTest {
}
