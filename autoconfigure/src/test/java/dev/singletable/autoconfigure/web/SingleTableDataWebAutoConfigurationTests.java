package dev.singletable.autoconfigure.web;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.autoconfigure.web.DataWebAutoConfiguration;
import org.springframework.boot.http.codec.autoconfigure.CodecsAutoConfiguration;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Slice;
import org.springframework.data.domain.SliceImpl;
import org.springframework.data.domain.Sort;
import org.springframework.data.domain.Window;
import org.springframework.data.web.ReactivePageableHandlerMethodArgumentResolver;
import org.springframework.data.web.ReactiveSortHandlerMethodArgumentResolver;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.result.method.HandlerMethodArgumentResolver;
import org.springframework.web.reactive.result.method.annotation.ArgumentResolverConfigurer;

import dev.singletable.repository.Cursors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * Tests for {@link SingleTableDataWebAutoConfiguration}: the JSON of {@code Slice} and {@code Window} results in
 * Spring MVC and WebFlux, and the WebFlux {@code Pageable} and {@code Sort} arguments next to resolvers the
 * application declares itself.
 */
class SingleTableDataWebAutoConfigurationTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final WebApplicationContextRunner mvc = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebMvcAutoConfiguration.class, JacksonAutoConfiguration.class,
				HttpMessageConvertersAutoConfiguration.class, DataWebAutoConfiguration.class,
				SingleTableDataWebAutoConfiguration.class))
		.withUserConfiguration(ResultsController.class);

	private final ReactiveWebApplicationContextRunner webflux = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebFluxAutoConfiguration.class, JacksonAutoConfiguration.class,
				CodecsAutoConfiguration.class, SingleTableDataWebAutoConfiguration.class))
		.withUserConfiguration(ResultsController.class, ReactivePageableController.class);

	@Test
	void sliceAndWindowAreWrittenCompactlyInSpringMvc() {
		this.mvc.run((context) -> {
			MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).build();
			assertCompactSliceAndWindow((path) -> mvc.perform(get(path).accept(MediaType.APPLICATION_JSON))
				.andReturn()
				.getResponse()
				.getContentAsString());
		});
	}

	@Test
	void sliceAndWindowAreWrittenCompactlyInWebFlux() {
		this.webflux.run((context) -> {
			WebTestClient client = WebTestClient.bindToApplicationContext(context).build();
			assertCompactSliceAndWindow((path) -> client.get()
				.uri(path)
				.accept(MediaType.APPLICATION_JSON)
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody(String.class)
				.returnResult()
				.getResponseBody());
		});
	}

	@Test
	void pageFollowsTheSerializationModeInWebFluxAsInSpringMvc() {
		for (String mode : List.of("direct", "via-dto")) {
			String property = "spring.data.web.pageable.serialization-mode=" + mode;
			this.mvc.withPropertyValues(property).run((context) -> {
				MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).build();
				JsonNode page = json.readTree(mvc.perform(get("/results/page")).andReturn().getResponse()
					.getContentAsString());
				assertThat(page.has("page")).as("MVC, " + mode).isEqualTo(mode.equals("via-dto"));
			});
			this.webflux.withPropertyValues(property).run((context) -> {
				JsonNode page = json.readTree(body(context, "/results/page"));
				assertThat(page.has("page")).as("WebFlux, " + mode).isEqualTo(mode.equals("via-dto"));
				assertThat(page.has("pageable")).as("WebFlux, " + mode).isEqualTo(mode.equals("direct"));
			});
		}
	}

	@Test
	void pageableAndSortFollowTheSpringDataWebProperties() {
		this.webflux
			.withPropertyValues("spring.data.web.pageable.page-parameter=p", "spring.data.web.pageable.size-parameter=n",
					"spring.data.web.pageable.one-indexed-parameters=true",
					"spring.data.web.pageable.max-page-size=30", "spring.data.web.sort.sort-parameter=order")
			.run((context) -> {
				JsonNode pageable = json.readTree(body(context, "/pageable?p=2&n=500&order=title,desc"));
				assertThat(pageable.get("page").asInt()).isEqualTo(1);
				assertThat(pageable.get("size").asInt()).isEqualTo(30);
				assertThat(pageable.get("sort").asString()).isEqualTo("title: DESC");
				assertThat(json.readTree(body(context, "/sort?order=title")).get("sort").asString())
					.isEqualTo("title: ASC");
			});
	}

	@Test
	void resolversTheApplicationDeclaresAreNeitherReplacedNorRegisteredTwice() {
		this.webflux.withUserConfiguration(OwnResolvers.class)
			.withPropertyValues("spring.data.web.pageable.max-page-size=3")
			.run((context) -> {
				assertThat(context).hasSingleBean(ReactivePageableHandlerMethodArgumentResolver.class);
				List<HandlerMethodArgumentResolver> added = new ArrayList<>();
				context.getBean(SingleTableDataWebAutoConfiguration.PagingWebFluxConfigurer.class)
					.configureArgumentResolvers(new ArgumentResolverConfigurer() {

						@Override
						public void addCustomResolver(HandlerMethodArgumentResolver... resolvers) {
							added.addAll(List.of(resolvers));
						}

					});
				assertThat(added).as("the application registers its own").isEmpty();
				assertThat(json.readTree(body(context, "/pageable?size=50")).get("size").asInt())
					.as("the application's resolver").isEqualTo(7);
			});
	}

	@Test
	void registersNoArgumentResolversInSpringMvc() {
		this.mvc.run((context) -> assertThat(context)
			.doesNotHaveBean(SingleTableDataWebAutoConfiguration.PagingWebFluxConfigurer.class));
	}

	private static String body(ApplicationContext context, String path) {
		return WebTestClient.bindToApplicationContext(context)
			.build()
			.get()
			.uri(path)
			.accept(MediaType.APPLICATION_JSON)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
	}

	private static void assertCompactSliceAndWindow(Request request) throws Exception {
		JsonNode slice = json.readTree(request.get("/results/slice"));
		assertThat(slice.propertyNames()).containsExactly("content", "page", "hasNext");
		assertThat(slice.get("content").get(0).get("title").asString()).isEqualTo("Dune");
		assertThat(slice.get("page").get("size").asInt()).isEqualTo(2);
		assertThat(slice.get("page").get("number").asInt()).isEqualTo(3);
		assertThat(slice.get("hasNext").asBoolean()).isTrue();
		JsonNode window = json.readTree(request.get("/results/window"));
		assertThat(window.propertyNames()).containsExactly("content", "nextCursor", "hasNext");
		assertThat(window.get("content").size()).isEqualTo(2);
		assertThat(window.get("nextCursor").asString()).isEqualTo("second-cursor");
		assertThat(window.get("hasNext").asBoolean()).isTrue();
		JsonNode last = json.readTree(request.get("/results/last-window"));
		assertThat(last.get("nextCursor").isNull()).isTrue();
		assertThat(last.get("hasNext").asBoolean()).isFalse();
		JsonNode offset = json.readTree(request.get("/results/offset-window"));
		assertThat(offset.propertyNames()).containsExactly("content", "nextOffset", "hasNext");
		assertThat(offset.get("nextOffset").asLong()).isEqualTo(11);
	}

	@FunctionalInterface
	interface Request {

		String get(String path) throws Exception;

	}

	record Title(String title) {
	}

	@RestController
	static class ResultsController {

		private static final List<Title> TITLES = List.of(new Title("Dune"), new Title("Emma"));

		@GetMapping("/results/slice")
		Slice<Title> slice() {
			return new SliceImpl<>(TITLES, Pageable.ofSize(2).withPage(3), true);
		}

		@GetMapping("/results/page")
		PageImpl<Title> page() {
			return new PageImpl<>(TITLES, Pageable.ofSize(2), 5);
		}

		@GetMapping("/results/window")
		Window<Title> window() {
			return Window.from(TITLES, (i) -> Cursors.position((i == 0) ? "first-cursor" : "second-cursor", false),
					true);
		}

		@GetMapping("/results/last-window")
		Window<Title> lastWindow() {
			return Window.from(TITLES, (i) -> Cursors.position("cursor-" + i, false), false);
		}

		@GetMapping("/results/offset-window")
		Window<Title> offsetWindow() {
			return Window.from(TITLES, (i) -> ScrollPosition.offset(10 + i), true);
		}

	}

	@RestController
	static class ReactivePageableController {

		@GetMapping("/pageable")
		Mono<PageableView> pageable(Pageable pageable) {
			return Mono.just(new PageableView(pageable.getPageNumber(), pageable.getPageSize(),
					pageable.getSort().toString()));
		}

		@GetMapping("/sort")
		Mono<SortView> sort(Sort sort) {
			return Mono.just(new SortView(sort.toString()));
		}

	}

	record PageableView(int page, int size, String sort) {
	}

	record SortView(String sort) {
	}

	/**
	 * An application that declares and registers its own resolvers.
	 */
	@Configuration(proxyBeanMethods = false)
	static class OwnResolvers implements WebFluxConfigurer {

		@Bean
		static ReactiveSortHandlerMethodArgumentResolver sortResolver() {
			return new ReactiveSortHandlerMethodArgumentResolver();
		}

		@Bean
		static ReactivePageableHandlerMethodArgumentResolver pageableResolver() {
			ReactivePageableHandlerMethodArgumentResolver resolver = new ReactivePageableHandlerMethodArgumentResolver();
			resolver.setMaxPageSize(7);
			return resolver;
		}

		@Override
		public void configureArgumentResolvers(ArgumentResolverConfigurer configurer) {
			configurer.addCustomResolver(pageableResolver(), sortResolver());
		}

	}

}
