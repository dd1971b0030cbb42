// maven-invoker-plugin's post-build hook: the packaged application carries the change stream's worker and nothing
// of what the events starter leaves out of Amazon's DynamoDB Streams adapter.
import java.util.zip.ZipFile

File jar = new File(basedir, 'target/events-app-0.0.1-SNAPSHOT.jar')
assert jar.isFile() : "no packaged application at ${jar}"

List<String> libs = new ZipFile(jar).withCloseable { zip ->
    zip.entries().collect { it.name }.findAll { it.startsWith('BOOT-INF/lib/') }.collect { it.substring(13) }
}

List<String> required = ['amazon-kinesis-client-', 'dynamodb-streams-kinesis-adapter-', 'url-connection-client-',
        'netty-nio-client-']
List<String> missing = required.findAll { prefix -> !libs.any { it.startsWith(prefix) } }
assert missing.isEmpty() : "the packaged application lacks ${missing}: ${libs}"

// the Glue schema registry and what only it brings, a second blocking HTTP client, and Reactor (the change stream
// needs none: its Flux view is a bean of its own, declared only with Reactor)
List<String> excluded = ['schema-registry-', 'glue-', 'sts-', 'kafka-clients-', 'scala-library-', 'kotlin-',
        'kotlinx-', 'okio-', 'okhttp-', 'wire-', 'avro-', 'everit-json-schema-', 'json-2', 'classgraph-',
        'apache5-client-', 'httpclient5-', 'httpcore5-', 'reactor-core-']
List<String> present = libs.findAll { lib -> excluded.any { lib.startsWith(it) } }
assert present.isEmpty() : "the packaged application has ${present}"

println "events-app: ${jar.length()} bytes, ${libs.size()} libraries"

// One test class starts a context with change events: its JVM exits within 3 s of its last test, with no request
// failing after the embedded DynamoDB Local stopped (no ERROR line), and Surefire never has to kill it
File log = new File(basedir, 'build.log')
List<String> lines = log.readLines()
List<File> dumps = (new File(basedir, 'target/surefire-reports').listFiles() ?: []).findAll { it.name.endsWith('.dumpstream') }
List<String> killed = (lines + dumps.collectMany { it.readLines() }).findAll {
    it.contains('kill self fork') || it.contains('The exit has elapsed')
}
assert killed.isEmpty() : "Surefire killed the test JVM: ${killed}"
List<String> errors = lines.findAll { it =~ /(^|[\s\[])ERROR([\s\]]|$)/ }
assert errors.isEmpty() : "${errors.size()} ERROR lines in the build, the first: ${errors.take(3)}"
def time = { String line ->
    def match = line =~ /^(\d\d):(\d\d):(\d\d)\.(\d\d\d) /
    assert match.find() : "no time on Maven's line ${line} (invoker.properties)"
    ((match.group(1) as long) * 3600_000) + ((match.group(2) as long) * 60_000) + ((match.group(3) as long) * 1000) +
            (match.group(4) as long)
}
int lastTest = lines.findIndexOf { it.contains('Tests run:') && it.contains('-- in com.example.events.EventsApplicationTests') }
assert lastTest >= 0 : 'no result of EventsApplicationTests in the build log'
int results = lines.findIndexOf(lastTest) { it.contains('[INFO] Results:') }
assert results > lastTest : 'no "Results:" after EventsApplicationTests in the build log'
long exit = time(lines[results]) - time(lines[lastTest])
if (exit < 0) {
    exit += 86_400_000
}
println "events-app: the test JVM exited ${exit} ms after its last test, ${errors.size()} ERROR lines"
assert exit < 3000 : "the test JVM took ${exit} ms to exit after its last test (at most 3000)"
return true
