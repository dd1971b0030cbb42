package dev.singletable.repository.config;

import java.util.List;

import org.springframework.beans.factory.aot.BeanRegistrationAotProcessor;
import org.springframework.beans.factory.support.BeanDefinitionBuilder;
import org.springframework.core.annotation.AnnotationAttributes;
import org.springframework.data.repository.config.AnnotationRepositoryConfigurationSource;

import dev.singletable.core.mapping.SingleTableEntity;
import dev.singletable.repository.ReadOnlySingleTableRepository;
import dev.singletable.repository.SingleTableRepository;
import dev.singletable.repository.VersionedRepository;
import dev.singletable.repository.query.SingleTableRepositoryAotProcessor;
import dev.singletable.repository.support.SingleTableRepositoryFactoryBean;

/**
 * Repository configuration for singletable. In strict mode (several Spring Data modules on the classpath) a
 * repository is ours when it extends one of our repository interfaces or manages a
 * {@link SingleTableEntity @SingleTableEntity} type. Only blocking repositories: the reactive ones (extending a
 * reactive repository interface, or with methods returning reactive types when they extend neither kind) are
 * {@link ReactiveSingleTableRepositoryConfigurationExtension}'s, so both may scan the same packages.
 */
public class SingleTableRepositoryConfigurationExtension extends RepositoryKindExtension {

	/** The attribute naming the template bean. */
	static final String TEMPLATE_REF_ATTRIBUTE = "singleTableTemplateRef";

	/** The attribute naming the transaction manager of the repositories' {@code @Transactional} methods. */
	static final String TRANSACTION_MANAGER_REF_ATTRIBUTE = "transactionManagerRef";

	/**
	 * Creates the configuration of the blocking repositories.
	 */
	public SingleTableRepositoryConfigurationExtension() {
		super("SingleTable", "singletable", SingleTableRepositoryFactoryBean.class,
				List.of(SingleTableRepository.class, VersionedRepository.class, ReadOnlySingleTableRepository.class),
				false);
	}

	/** Generates each repository's AOT fragment at {@code process-aot}. */
	@Override
	public Class<? extends BeanRegistrationAotProcessor> getRepositoryAotProcessor() {
		return SingleTableRepositoryAotProcessor.class;
	}

	@Override
	public void postProcess(BeanDefinitionBuilder builder, AnnotationRepositoryConfigurationSource config) {
		AnnotationAttributes attributes = config.getAttributes();
		builder.addPropertyReference("singleTableOperations", attributes.getString(TEMPLATE_REF_ATTRIBUTE));
		builder.addPropertyValue("transactionManager", attributes.getString(TRANSACTION_MANAGER_REF_ATTRIBUTE));
	}

}
