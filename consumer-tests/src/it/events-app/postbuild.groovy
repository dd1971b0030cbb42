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
return true
