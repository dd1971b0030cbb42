package dev.singletable.autoconfigure.web;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JacksonModule;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.autoconfigure.web.DataWebProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.web.ReactivePageableHandlerMethodArgumentResolver;
import org.springframework.data.web.ReactiveSortHandlerMethodArgumentResolver;
import org.springframework.data.web.config.SpringDataJackson3Configuration;
import org.springframework.data.web.config.SpringDataWebSettings;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.result.method.annotation.ArgumentResolverConfigurer;

import dev.singletable.repository.Cursors;

/**
 * {@link EnableAutoConfiguration Auto-configuration} of Spring Data's web support where Spring Boot leaves it out,
 * and of the JSON of {@code Slice} and {@code Window} controller results:
 * <ul>
 * <li>in a Spring WebFlux application, {@code Pageable} and {@code Sort} controller parameters, configured from
 * {@code spring.data.web.pageable.*} and {@code spring.data.web.sort.*} as Spring Boot configures them for Spring
 * MVC (page and size parameters, default and maximum page size, one-indexed pages, prefix, sort parameter), and
 * {@code Page} results written as {@code spring.data.web.pageable.serialization-mode} says, as in Spring MVC
 * ({@code via-dto}: Spring Data's {@code PagedModel}). A resolver the application declares as a bean is neither
 * replaced nor registered a second time: the application registers its own;</li>
 * <li>in Spring MVC and WebFlux applications, a {@code Slice} result (other than a {@code Page}) as
 * {@code {"content": [...], "page": {"size": 20, "number": 0}, "hasNext": true}} and a {@code Window} result as
 * {@code {"content": [...], "nextCursor": "...", "hasNext": true}}, where
 * {@code nextCursor} is {@link Cursors#next} ({@literal null} after the last window): the cursor of the next
 * request.</li>
 * </ul>
 */
@AutoConfiguration
@ConditionalOnWebApplication
@ConditionalOnClass({ Cursors.class, PageRequest.class })
public final class SingleTableDataWebAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
	@ConditionalOnClass({ ReactivePageableHandlerMethodArgumentResolver.class, WebFluxConfigurer.class,
			DataWebProperties.class })
	@EnableConfigurationProperties(DataWebProperties.class)
	static class ReactivePagingConfiguration {

		@Bean
		PagingWebFluxConfigurer singleTablePagingWebFluxConfigurer(DataWebProperties properties,
				ObjectProvider<ReactiveSortHandlerMethodArgumentResolver> sortResolvers,
				ObjectProvider<ReactivePageableHandlerMethodArgumentResolver> pageableResolvers) {
			ReactiveSortHandlerMethodArgumentResolver declaredSort = sortResolvers.getIfUnique();
			ReactiveSortHandlerMethodArgumentResolver sort = (declaredSort != null) ? declaredSort
					: sortResolver(properties.getSort());
			ReactivePageableHandlerMethodArgumentResolver pageable = (pageableResolvers.getIfAvailable() != null)
					? null : pageableResolver(properties.getPageable(), sort);
			return new PagingWebFluxConfigurer(pageable, (declaredSort != null) ? null : sort);
		}

		private static ReactiveSortHandlerMethodArgumentResolver sortResolver(DataWebProperties.Sort properties) {
			ReactiveSortHandlerMethodArgumentResolver resolver = new ReactiveSortHandlerMethodArgumentResolver();
			resolver.setSortParameter(properties.getSortParameter());
			return resolver;
		}

		private static ReactivePageableHandlerMethodArgumentResolver pageableResolver(
				DataWebProperties.Pageable properties, ReactiveSortHandlerMethodArgumentResolver sort) {
			ReactivePageableHandlerMethodArgumentResolver resolver = new ReactivePageableHandlerMethodArgumentResolver(
					sort);
			resolver.setPageParameterName(properties.getPageParameter());
			resolver.setSizeParameterName(properties.getSizeParameter());
			resolver.setOneIndexedParameters(properties.isOneIndexedParameters());
			resolver.setPrefix(properties.getPrefix());
			resolver.setQualifierDelimiter(properties.getQualifierDelimiter());
			resolver.setFallbackPageable(PageRequest.of(0, properties.getDefaultPageSize()));
			resolver.setMaxPageSize(properties.getMaxPageSize());
			return resolver;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
	@ConditionalOnClass({ JacksonModule.class, SpringDataJackson3Configuration.class, DataWebProperties.class })
	@EnableConfigurationProperties(DataWebProperties.class)
	static class ReactivePageJsonConfiguration {

		@Bean
		@ConditionalOnMissingBean
		SpringDataJackson3Configuration.PageModule singleTableReactivePageModule(DataWebProperties properties) {
			return new SpringDataJackson3Configuration.PageModule(
					new SpringDataWebSettings(properties.getPageable().getSerializationMode()));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(JacksonModule.class)
	static class SliceJsonConfiguration {

		@Bean
		@ConditionalOnMissingBean
		SliceJsonModule singleTableSliceJsonModule() {
			return new SliceJsonModule();
		}

	}

	/**
	 * Adds the resolvers that the application did not declare itself, after the application's own configurers, so
	 * that a resolver the application registers by hand comes first.
	 */
	static final class PagingWebFluxConfigurer implements WebFluxConfigurer, Ordered {

		private final @Nullable ReactivePageableHandlerMethodArgumentResolver pageable;

		private final @Nullable ReactiveSortHandlerMethodArgumentResolver sort;

		PagingWebFluxConfigurer(@Nullable ReactivePageableHandlerMethodArgumentResolver pageable,
				@Nullable ReactiveSortHandlerMethodArgumentResolver sort) {
			this.pageable = pageable;
			this.sort = sort;
		}

		@Override
		public void configureArgumentResolvers(ArgumentResolverConfigurer configurer) {
			if (this.pageable != null) {
				configurer.addCustomResolver(this.pageable);
			}
			if (this.sort != null) {
				configurer.addCustomResolver(this.sort);
			}
		}

		@Override
		public int getOrder() {
			return Ordered.LOWEST_PRECEDENCE;
		}

	}

}
