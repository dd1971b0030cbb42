package dev.singletable.autoconfigure.events.externalized;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.modulith.events.EventExternalizationConfiguration;
import org.springframework.modulith.events.support.DelegatingEventExternalizer;
import org.springframework.modulith.events.support.EventExternalizerModuleListener;

import dev.singletable.autoconfigure.events.externalized.ExternalizationApplication.Broker;

/**
 * Spring Modulith's externalizers sending to the {@link Broker}: an application declares one of them next to
 * {@link ExternalizationApplication}.
 */
public final class Externalizers {

	private Externalizers() {
	}

	/**
	 * Externalizes through Modulith's {@link DelegatingEventExternalizer} (a function of the routing target and the
	 * event), deprecated since Modulith 2.1 but still what applications of 1.x declare.
	 */
	@Configuration(proxyBeanMethods = false)
	public static class DelegatingExternalizer {

		@Bean
		@SuppressWarnings("removal")
		DelegatingEventExternalizer brokerExternalizer(EventExternalizationConfiguration configuration, Broker broker) {
			return new DelegatingEventExternalizer(configuration, broker::send);
		}

	}

	/**
	 * Externalizes through Modulith's {@link EventExternalizerModuleListener} (a transport), its replacement since 2.1.
	 */
	@Configuration(proxyBeanMethods = false)
	public static class ModuleListenerExternalizer {

		@Bean
		EventExternalizerModuleListener brokerExternalizer(EventExternalizationConfiguration configuration,
				Broker broker) {
			return new EventExternalizerModuleListener(configuration, (payload, target) -> broker.send(target, payload));
		}

	}

}
