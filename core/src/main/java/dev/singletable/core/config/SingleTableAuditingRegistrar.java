package dev.singletable.core.config;

import java.lang.annotation.Annotation;

import org.springframework.beans.MutablePropertyValues;
import org.springframework.beans.PropertyValue;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ObjectFactoryCreatingFactoryBean;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionBuilder;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.data.auditing.AuditingHandler;
import org.springframework.data.auditing.config.AuditingBeanDefinitionRegistrarSupport;
import org.springframework.data.auditing.config.AuditingConfiguration;
import org.springframework.data.mapping.context.PersistentEntities;

import dev.singletable.core.SingleTableOperations;
import dev.singletable.core.mapping.SingleTableMappingContext;
import dev.singletable.core.mapping.event.AuditingEntityCallback;

/**
 * Registers the beans of {@link EnableSingleTableAuditing}: the {@code singleTableAuditingHandler} and the
 * {@link AuditingEntityCallback} that runs it.
 */
class SingleTableAuditingRegistrar extends AuditingBeanDefinitionRegistrarSupport {

	/** The name of the auditing handler bean. */
	static final String HANDLER = "singleTableAuditingHandler";

	/** The name of the bean of the entities the handler audits. */
	static final String ENTITIES = "singleTableAuditingPersistentEntities";

	private static final String DATE_TIME_PROVIDER = "dateTimeProvider";

	@Override
	protected Class<? extends Annotation> getAnnotation() {
		return EnableSingleTableAuditing.class;
	}

	@Override
	protected String getAuditingHandlerBeanName() {
		return HANDLER;
	}

	@Override
	protected BeanDefinitionBuilder getAuditHandlerBeanDefinitionBuilder(AuditingConfiguration configuration) {
		BeanDefinitionBuilder handler = configureDefaultAuditHandlerAttributes(configuration,
				BeanDefinitionBuilder.rootBeanDefinition(AuditingHandler.class).addConstructorArgReference(ENTITIES));
		// the dates of Auditable types are stored to the microsecond: the handler sets them so, not finer
		MutablePropertyValues values = handler.getRawBeanDefinition().getPropertyValues();
		PropertyValue given = values.getPropertyValue(DATE_TIME_PROVIDER);
		BeanDefinitionBuilder provider = BeanDefinitionBuilder.rootBeanDefinition(StoredPrecisionDateTimeProvider.class);
		if (given != null) {
			provider.addConstructorArgValue(given.getValue());
		}
		values.add(DATE_TIME_PROVIDER, provider.getBeanDefinition());
		return handler;
	}

	@Override
	protected void registerAuditListenerBeanDefinition(BeanDefinition auditingHandlerDefinition,
			BeanDefinitionRegistry registry) {
		registry.registerBeanDefinition(ENTITIES,
				BeanDefinitionBuilder.rootBeanDefinition(SingleTableAuditingRegistrar.class, "persistentEntities")
					.setRole(BeanDefinition.ROLE_INFRASTRUCTURE)
					.setAutowireMode(AbstractBeanDefinition.AUTOWIRE_CONSTRUCTOR)
					.setLazyInit(true)
					.getBeanDefinition());
		BeanDefinitionBuilder callback = BeanDefinitionBuilder.rootBeanDefinition(AuditingEntityCallback.class)
			.addConstructorArgValue(objectFactory(HANDLER))
			.addConstructorArgValue(objectFactory(ENTITIES));
		registerInfrastructureBeanWithId(callback.getBeanDefinition(), AuditingEntityCallback.class.getName(), registry);
	}

	private static BeanDefinition objectFactory(String beanName) {
		return BeanDefinitionBuilder.rootBeanDefinition(ObjectFactoryCreatingFactoryBean.class)
			.addPropertyValue("targetBeanName", beanName)
			.getBeanDefinition();
	}

	/**
	 * The entities of the context's {@link SingleTableMappingContext} bean, else of its
	 * {@link SingleTableOperations}' one.
	 */
	static PersistentEntities persistentEntities(ObjectProvider<SingleTableMappingContext> contexts,
			ObjectProvider<SingleTableOperations> operations) {
		SingleTableMappingContext context = contexts.getIfUnique();
		return PersistentEntities
			.of((context != null) ? context : operations.getObject().getConverter().getMappingContext());
	}

}
