package dev.singletable.console;

import org.junit.jupiter.api.Test;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import dev.singletable.console.fixtures.Note;
import dev.singletable.core.SingleTableTemplate;
import dev.singletable.test.RequestCounter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The console with Spring Security on the classpath, on Spring MVC: it requires its role even where the
 * application's filter chain lets every request through, answers clients of any address with that role, and its
 * changes carry Spring Security's CSRF token.
 */
class ConsoleSecurityIntegrationTests {

	private final RequestCounter requests = new RequestCounter();

	private void run(String table, ConsoleTest test, String... properties) {
		ConsoleTests.mvc(this.requests)
			.withUserConfiguration(PermissiveSecurity.class)
			.withPropertyValues(ConsoleTests.properties(ConsoleTests.uniqueTable(table), properties))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				MockMvc mvc = MockMvcBuilders.webAppContextSetup((WebApplicationContext) context)
					.apply(springSecurity())
					.build();
				test.run(mvc, context.getBean(SingleTableTemplate.class));
			});
	}

	interface ConsoleTest {

		void run(MockMvc mvc, SingleTableTemplate template) throws Exception;

	}

	@Test
	void anAnonymousRequestIsRefusedAUserWithoutTheRoleTooAndAUserWithTheRoleLetIn() {
		run("security", (mvc, template) -> {
			MockHttpServletResponse anonymous = mvc.perform(get("/singletable")).andReturn().getResponse();
			assertThat(anonymous.getStatus()).isEqualTo(401);
			assertThat(anonymous.getContentAsString()).doesNotContain("id=\"types\"");
			MockHttpServletResponse viewer = mvc.perform(get("/singletable").with(user("viewer").roles("USER")))
				.andReturn()
				.getResponse();
			assertThat(viewer.getStatus()).isEqualTo(403);
			assertThat(viewer.getContentAsString()).contains("lacks role ADMIN");
			MockHttpServletResponse admin = mvc.perform(get("/singletable").with(user("admin").roles("ADMIN"))
				.with((request) -> {
					request.setRemoteAddr("192.0.2.10");
					return request;
				})).andReturn().getResponse();
			assertThat(admin.getStatus()).isEqualTo(200);
			assertThat(admin.getContentAsString()).contains("id=\"types\"");
		});
	}

	@Test
	void theRoleIsAProperty() {
		run("security-role", (mvc, template) -> {
			assertThat(mvc.perform(get("/singletable").with(user("admin").roles("ADMIN"))).andReturn().getResponse()
				.getStatus()).isEqualTo(403);
			assertThat(mvc.perform(get("/singletable").with(user("ops").roles("OPERATOR"))).andReturn().getResponse()
				.getStatus()).isEqualTo(200);
		}, "singletable.console.role=OPERATOR");
	}

	@Test
	void changesCarrySpringSecuritysCsrfToken() {
		run("security-csrf", (mvc, template) -> {
			Note note = template.create(Note.of("gone", "ann"));
			String resource = "/singletable/types/Note/" + note.id();
			String confirm = mvc.perform(get(resource + "/delete").with(user("admin").roles("ADMIN")))
				.andReturn()
				.getResponse()
				.getContentAsString();
			// both tokens: Spring Security's, checked by its filter, and the console's own
			assertThat(confirm).contains("name=\"_csrf\"", "name=\"" + ConsoleRequest.CSRF_NAME + "\"");
			String token = ConsoleTests.csrfToken(confirm);
			assertThat(mvc.perform(post(resource + "/delete").with(user("admin").roles("ADMIN"))
				.header("Origin", "http://localhost")
				.param(ConsoleRequest.CSRF_NAME, token)).andReturn().getResponse().getStatus()).isEqualTo(403);
			assertThat(mvc.perform(post(resource + "/delete").with(user("admin").roles("ADMIN")).with(csrf())
				.header("Origin", "http://localhost")).andReturn().getResponse().getStatus()).isEqualTo(403);
			assertThat(template.findById(Note.class, note.id())).isPresent();
			MockHttpServletResponse deleted = mvc.perform(post(resource + "/delete").with(user("admin").roles("ADMIN"))
				.with(csrf())
				.header("Origin", "http://localhost")
				.param(ConsoleRequest.CSRF_NAME, token))
				.andReturn()
				.getResponse();
			assertThat(deleted.getStatus()).isEqualTo(303);
			assertThat(template.findById(Note.class, note.id())).isEmpty();
		}, "singletable.console.read-only=false");
	}

	/**
	 * An application whose filter chain lets every request through (HTTP Basic for those who sign in): the console
	 * still asks for its role.
	 */
	@Configuration(proxyBeanMethods = false)
	@EnableWebSecurity
	static class PermissiveSecurity {

		@Bean
		SecurityFilterChain chain(HttpSecurity http) throws Exception {
			return http.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
				.httpBasic(Customizer.withDefaults())
				.build();
		}

		@Bean
		UserDetailsService users() {
			return new InMemoryUserDetailsManager(User.withUsername("admin").password("{noop}secret").roles("ADMIN").build());
		}

	}

}
