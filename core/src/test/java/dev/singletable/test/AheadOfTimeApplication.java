package dev.singletable.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.springframework.aot.generate.ClassNameGenerator;
import org.springframework.aot.generate.DefaultGenerationContext;
import org.springframework.aot.generate.GeneratedFiles.Kind;
import org.springframework.aot.generate.InMemoryGeneratedFiles;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.javapoet.ClassName;

/**
 * An application processed ahead of time as {@code process-aot} does, in the test's JVM: the generated sources
 * (bean definitions, the repositories' {@code …Impl__AotRepository} fragments) and hints of a configuration class,
 * the sources compiled as the build would, and contexts started from the compiled code, which register no bean
 * from the configuration class itself. The configuration class and what the generated code names must be public:
 * the compiled code lives in another class loader.
 */
public final class AheadOfTimeApplication implements AutoCloseable {

	private final Map<String, String> sources;

	private final RuntimeHints hints;

	private final URLClassLoader loader;

	private final String initializer;

	private AheadOfTimeApplication(Map<String, String> sources, RuntimeHints hints, URLClassLoader loader,
			String initializer) {
		this.sources = sources;
		this.hints = hints;
		this.loader = loader;
		this.initializer = initializer;
	}

	/**
	 * Processes a configuration ahead of time and compiles what it generates.
	 * @param configuration the configuration class
	 * @param directory where the sources and classes are written
	 * @return the processed application
	 * @throws IOException when the files cannot be written
	 */
	public static AheadOfTimeApplication process(Class<?> configuration, Path directory) throws IOException {
		InMemoryGeneratedFiles files = new InMemoryGeneratedFiles();
		DefaultGenerationContext generation = new DefaultGenerationContext(
				new ClassNameGenerator(ClassName.get(configuration)), files);
		ClassName generated;
		try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
			context.register(configuration);
			generated = new ApplicationContextAotGenerator().processAheadOfTime(context, generation);
		}
		generation.writeGeneratedContent();
		Map<String, String> sources = new LinkedHashMap<>();
		files.getGeneratedFiles(Kind.SOURCE).forEach((path, source) -> {
			try (InputStream in = source.getInputStream()) {
				sources.put(path, new String(in.readAllBytes(), StandardCharsets.UTF_8));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
		return new AheadOfTimeApplication(sources, generation.getRuntimeHints(), compile(sources, directory),
				generated.reflectionName());
	}

	/** Returns the generated sources by path. */
	public Map<String, String> sources() {
		return this.sources;
	}

	/**
	 * Returns the one generated source whose path ends as given.
	 * @param suffix the end of the path, e.g. {@code TicketRepositoryImpl__AotRepository.java}
	 * @return the source
	 */
	public String source(String suffix) {
		return this.sources.entrySet()
			.stream()
			.filter((entry) -> entry.getKey().endsWith(suffix))
			.map(Map.Entry::getValue)
			.findFirst()
			.orElseThrow(() -> new AssertionError("No " + suffix + " among " + this.sources.keySet()));
	}

	/** Returns the runtime hints the processing registered. */
	public RuntimeHints hints() {
		return this.hints;
	}

	/**
	 * Registers the generated bean definitions in a context, which the caller may add beans to and refreshes.
	 * @param context the context
	 */
	@SuppressWarnings("unchecked")
	public void initialize(GenericApplicationContext context) {
		context.setClassLoader(this.loader);
		try {
			((ApplicationContextInitializer<GenericApplicationContext>) this.loader.loadClass(this.initializer)
				.getDeclaredConstructor()
				.newInstance()).initialize(context);
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException("Cannot create the generated initializer " + this.initializer, ex);
		}
	}

	/**
	 * Starts a context from the generated code.
	 * @return the refreshed context
	 */
	public GenericApplicationContext start() {
		GenericApplicationContext context = new GenericApplicationContext();
		initialize(context);
		context.refresh();
		return context;
	}

	@Override
	public void close() throws IOException {
		this.loader.close();
	}

	private static URLClassLoader compile(Map<String, String> sources, Path directory) throws IOException {
		Path sourceRoot = Files.createDirectories(directory.resolve("sources"));
		Path output = Files.createDirectories(directory.resolve("classes"));
		List<String> arguments = new ArrayList<>(List.of("-proc:none", "-nowarn", "-d", output.toString(),
				"-classpath", System.getProperty("java.class.path")));
		for (Map.Entry<String, String> source : sources.entrySet()) {
			Path file = sourceRoot.resolve(source.getKey());
			Files.createDirectories(file.getParent());
			Files.writeString(file, source.getValue());
			arguments.add(file.toString());
		}
		JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
		int status = compiler.run(null, null, System.err, arguments.toArray(String[]::new));
		if (status != 0) {
			throw new IllegalStateException("javac failed on the generated sources in " + sourceRoot);
		}
		return new URLClassLoader(new URL[] { output.toUri().toURL() }, AheadOfTimeApplication.class.getClassLoader());
	}

}
