package ai.devbot.projectstore.imports;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import ai.devbot.testsupport.PlatformCredentials;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/**
 * Uploads and imports against the real PostgreSQL: an archive becomes a project with its text files (indexed,
 * with history) and its binary files (exported, never edited); a refused archive leaves nothing; keys make
 * re-sent uploads and repeated imports harmless; nobody reaches another owner's upload.
 */
@QuarkusTest
class ImportsTest {

    private static final byte[] PNG = { (byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D };

    private long owner;

    @BeforeEach
    void anOwner() {
        owner = 8_000_000_000L + (long) (Math.random() * 1e9);
    }

    @Test
    void anUploadedZipBecomesAProjectWhoseFilesAreIndexedAndWhoseArchiveHoldsTheSameBytes() throws IOException {
        byte[] zip = zip(Map.of("tip-calc-main/README.md", "# Tip calculator\n".getBytes(StandardCharsets.UTF_8),
                "tip-calc-main/src/tip.py", "def tip(amount, percent):\n    return amount * percent / 100\n"
                        .getBytes(StandardCharsets.UTF_8),
                "tip-calc-main/assets/logo.png", PNG,
                "tip-calc-main/../../evil.sh", "rm -rf ~\n".getBytes(StandardCharsets.UTF_8),
                "tip-calc-main/.git/HEAD", "ref: refs/heads/main\n".getBytes(StandardCharsets.UTF_8)));
        String upload = upload("tg-1", "tip-calc-main.zip", zip).getString("id");

        JsonPath imported = importUpload(upload, "job-1").statusCode(201).extract().jsonPath();

        long project = imported.getLong("project.id");
        assertEquals("tip-calc", imported.getString("project.title"));
        assertEquals(2, imported.getInt("report.files"));
        assertEquals(1, imported.getInt("report.binaries"));
        assertEquals("tip-calc-main", imported.getString("report.strippedFolder"));
        assertEquals(List.of("tip-calc-main/../../evil.sh"), imported.getList("report.refused.entry"));
        assertEquals(List.of(".git/"), imported.getList("report.skipped.folder"));

        JsonPath files = service().queryParam("ownerId", owner).get("/api/v1/projects/{id}/files", project).then()
                .statusCode(200).extract().jsonPath();
        assertEquals(List.of("README.md", "assets/logo.png", "src/tip.py"), files.getList("path"));
        assertEquals(List.of(false, true, false), files.getList("binary"));

        service().queryParam("ownerId", owner).post("/api/v1/projects/{id}/index/refresh", project).then().statusCode(200);
        List<String> hits = service().queryParam("ownerId", owner).queryParam("q", "tip percent amount")
                .get("/api/v1/projects/{id}/search", project).then().statusCode(200).extract().jsonPath().getList("path");
        assertTrue(hits.contains("src/tip.py"), hits.toString());
        assertTrue(!hits.contains("assets/logo.png"), "binary files are never indexed: " + hits);

        Map<String, byte[]> archive = unzip(service().queryParam("ownerId", owner)
                .get("/api/v1/projects/{id}/archive", project).then().statusCode(200).extract().asByteArray());
        assertEquals(List.of("tip-calc/README.md", "tip-calc/assets/logo.png", "tip-calc/src/tip.py"),
                List.copyOf(archive.keySet()));
        assertArrayEquals(PNG, archive.get("tip-calc/assets/logo.png"));
    }

    @Test
    void aModelEditOfAnImportedBinaryFileIsRefusedWithTheReason() throws IOException {
        long project = importUpload(upload("tg-2", "app.zip", zip(Map.of("logo.png", PNG, "app.py",
                "print(1)\n".getBytes(StandardCharsets.UTF_8)))).getString("id"), "job-2").statusCode(201)
                .extract().jsonPath().getLong("project.id");

        service().queryParam("ownerId", owner).body(Map.of("batchId", "b-1", "taskNumber", 1, "edits",
                List.of(Map.of("kind", "write", "path", "logo.png", "content", "not a png")))).post(
                        "/api/v1/projects/{id}/edits", project)
                .then().statusCode(422).body("problems[0]", containsString("binary files cannot be edited"));
    }

    @Test
    void aReSentUploadAndARepeatedImportFindTheFirstOnes() throws IOException {
        byte[] zip = zip(Map.of("main.py", "print('hi')\n".getBytes(StandardCharsets.UTF_8)));
        String first = upload("tg-3", "hi.zip", zip).getString("id");
        assertEquals(first, upload("tg-3", "hi.zip", zip).getString("id"));

        long project = importUpload(first, "job-3").statusCode(201).extract().jsonPath().getLong("project.id");
        JsonPath again = importUpload(first, "job-3").statusCode(200).extract().jsonPath();

        assertEquals(project, again.getLong("project.id"));
        assertEquals(1, again.getInt("report.files"));
        assertEquals(1, service().queryParam("ownerId", owner).get("/api/v1/projects").then().statusCode(200)
                .extract().jsonPath().getList("id").size());
    }

    @Test
    void aZipBombANonZipAndAnArchiveOfNothingButRefusedEntriesLeaveNoProject() throws IOException {
        Map<String, byte[]> bomb = new TreeMap<>();
        for (int i = 0; i < 60; i++) {
            bomb.put("zeros/" + i + ".txt", new byte[1_000_000]);
        }
        importUpload(upload("tg-4", "bomb.zip", zip(bomb)).getString("id"), "job-4").statusCode(422)
                .body("error", equalTo("the archive expands to more than 50 MB unpacked; at most that is imported"));
        importUpload(upload("tg-5", "photo.zip", PNG).getString("id"), "job-5").statusCode(422)
                .body("error", equalTo("the file is not a readable zip archive"));
        importUpload(upload("tg-6", "evil.zip", zip(Map.of("../../etc/passwd", "root\n".getBytes(StandardCharsets.UTF_8),
                "/abs", "x".getBytes(StandardCharsets.UTF_8)))).getString("id"), "job-6").statusCode(422)
                .body("error", containsString("the archive holds no project files; refused: ../../etc/passwd"));

        assertEquals(List.of(), service().queryParam("ownerId", owner).get("/api/v1/projects").then().statusCode(200)
                .extract().jsonPath().getList("id"));
    }

    @Test
    void nobodyImportsAnotherOwnersUpload() throws IOException {
        String upload = upload("tg-7", "mine.zip", zip(Map.of("a.py", "a\n".getBytes(StandardCharsets.UTF_8))))
                .getString("id");

        service().body(Map.of("ownerId", owner + 1, "uploadId", upload, "creationKey", "job-7"))
                .post("/api/v1/imports").then().statusCode(404);
        service().body(Map.of("ownerId", owner, "uploadId", "00000000-0000-0000-0000-000000000000",
                "creationKey", "job-7")).post("/api/v1/imports").then().statusCode(404);
    }

    @Test
    void uploadsWithoutTheirKeysOrOverTheLimitAreRefusedClearly() {
        given().auth().preemptive().basic("service", PlatformCredentials.servicePassword())
                .contentType("application/zip").queryParam("ownerId", owner).queryParam("fileName", "a.zip")
                .body(new byte[] { 1 }).post("/api/v1/uploads").then().statusCode(400)
                .body("error", containsString("uploadKey is required"));
        uploadRequest("tg-8", "big.zip", new byte[3 * 1024 * 1024]).then().statusCode(413)
                .body("error", containsString("at most 2097152 are taken"));
        uploadRequest("tg-9", "empty.zip", new byte[0]).then().statusCode(400).body("error", equalTo("the upload is empty"));
        service().body(Map.of("ownerId", owner, "uploadId", "00000000-0000-0000-0000-000000000000"))
                .post("/api/v1/imports").then().statusCode(400).body("error", containsString("creationKey"));
        given().contentType("application/zip").queryParam("ownerId", owner).queryParam("uploadKey", "tg-10")
                .queryParam("fileName", "a.zip").body(new byte[] { 1 }).post("/api/v1/uploads").then().statusCode(401);
    }

    private static RequestSpecification service() {
        return given().auth().preemptive().basic("service", PlatformCredentials.servicePassword())
                .contentType(ContentType.JSON);
    }

    private io.restassured.response.Response uploadRequest(String key, String name, byte[] content) {
        return given().auth().preemptive().basic("service", PlatformCredentials.servicePassword())
                .contentType("application/zip").queryParam("ownerId", owner).queryParam("uploadKey", key)
                .queryParam("fileName", name).body(content).post("/api/v1/uploads");
    }

    private JsonPath upload(String key, String name, byte[] content) {
        return uploadRequest(key, name, content).then().statusCode(200).extract().jsonPath();
    }

    private io.restassured.response.ValidatableResponse importUpload(String upload, String creationKey) {
        return service().body(Map.of("ownerId", owner, "uploadId", upload, "creationKey", creationKey))
                .post("/api/v1/imports").then();
    }

    private static byte[] zip(Map<String, byte[]> files) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (var file : new TreeMap<>(files).entrySet()) {
                zip.putNextEntry(new ZipEntry(file.getKey()));
                zip.write(file.getValue());
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                files.put(entry.getName(), in.readAllBytes());
            }
        }
        return files;
    }
}
