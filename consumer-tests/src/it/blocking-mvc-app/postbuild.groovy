// maven-invoker-plugin's post-build hook: the packaged blocking application with blobs carries one HTTP client, the
// starter's URL connection client: no Netty and no Apache 5 client, which the s3 module would bring without the BOM.
import java.util.zip.ZipFile

File jar = new File(basedir, 'target/blocking-mvc-app-0.0.1-SNAPSHOT.jar')
assert jar.isFile() : "no packaged application at ${jar}"

List<String> libs = new ZipFile(jar).withCloseable { zip ->
    zip.entries().collect { it.name }.findAll { it.startsWith('BOOT-INF/lib/') }.collect { it.substring(13) }
}

List<String> required = ['s3-', 'url-connection-client-']
List<String> missing = required.findAll { prefix -> !libs.any { it.startsWith(prefix) } }
assert missing.isEmpty() : "the packaged application lacks ${missing}: ${libs}"

List<String> excluded = ['netty-', 'apache5-client-', 'apache-client-', 'httpclient5-', 'httpcore5-', 'reactor-core-']
List<String> present = libs.findAll { lib -> excluded.any { lib.startsWith(it) } }
assert present.isEmpty() : "the packaged application has ${present}"

println "blocking-mvc-app: ${jar.length()} bytes, ${libs.size()} libraries"
return true
