package dev.singletable.autoconfigure.transaction;

import org.junit.jupiter.api.Test;
import org.springframework.transaction.annotation.Transactional;

import dev.singletable.core.SingleTableTransactional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which bean classes {@link TransactionalDeclarations} lets the transaction manager names check search: every class
 * where a search of the type hierarchy could find {@code @Transactional}, and no other.
 */
class TransactionalDeclarationsTests {

	private final TransactionalDeclarations declarations = TransactionalDeclarations.ofTransactional();

	@Test
	void aClassWithoutTransactionalAnnotationsIsPassedOver() {
		assertThat(this.declarations.mayBeTransactional(Plain.class)).isFalse();
		assertThat(this.declarations.mayBeTransactional(PlainSubclass.class)).isFalse();
	}

	@Test
	void aMethodOrClassAnnotationIsFound() {
		assertThat(this.declarations.mayBeTransactional(AnnotatedMethod.class)).isTrue();
		assertThat(this.declarations.mayBeTransactional(AnnotatedClass.class)).isTrue();
	}

	@Test
	void anAnnotationOfASuperclassOrAnInterfaceIsFound() {
		assertThat(this.declarations.mayBeTransactional(InheritsAnnotatedMethod.class)).isTrue();
		assertThat(this.declarations.mayBeTransactional(ImplementsAnnotatedInterface.class)).isTrue();
	}

	@Test
	void anAnnotationOfAnInterfacesOwnInterfaceIsFound() {
		assertThat(this.declarations.mayBeTransactional(ImplementsInheritingInterface.class)).isTrue();
		assertThat(this.declarations.mayBeTransactional(InheritingInterface.class)).isTrue();
		assertThat(this.declarations.mayBeTransactional(SubclassOfImplementsInheritingInterface.class)).isTrue();
	}

	@Test
	void theSharedInstanceAnswersAsAOnePassOne() {
		TransactionalDeclarations shared = TransactionalDeclarations.sharedOfAttributeSourceAnnotations();
		assertThat(shared.mayBeTransactional(ImplementsInheritingInterface.class)).isTrue();
		assertThat(shared.mayBeTransactional(ComposedAnnotationMethod.class)).isTrue();
		assertThat(shared.mayBeTransactional(PlainSubclass.class)).isFalse();
		assertThat(shared.mayBeTransactional(PlainSubclass.class)).isFalse();
	}

	@Test
	void anAnnotationMetaAnnotatedWithTransactionalIsFound() {
		assertThat(this.declarations.mayBeTransactional(SingleTableTransactionalMethod.class)).isTrue();
		assertThat(this.declarations.mayBeTransactional(ComposedAnnotationMethod.class)).isTrue();
	}

	@Test
	void theAnswerForASharedSuperclassIsKeptAndStillRight() {
		assertThat(this.declarations.mayBeTransactional(InheritsAnnotatedMethod.class)).isTrue();
		assertThat(this.declarations.mayBeTransactional(PlainSubclass.class)).isFalse();
		assertThat(this.declarations.mayBeTransactional(AnnotatedMethod.class)).isTrue();
	}

	@Test
	void theAttributeSourceAnnotationsIncludeSpringsTransactional() {
		TransactionalDeclarations attributeSource = TransactionalDeclarations.ofAttributeSourceAnnotations();
		assertThat(attributeSource.mayBeTransactional(ImplementsAnnotatedInterface.class)).isTrue();
		assertThat(attributeSource.mayBeTransactional(ComposedAnnotationMethod.class)).isTrue();
		assertThat(attributeSource.mayBeTransactional(PlainSubclass.class)).isFalse();
	}

	@java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
	@Transactional("composed")
	@interface ComposedTransactional {

	}

	static class Plain {

		@Deprecated
		public void work() {
		}

	}

	static class PlainSubclass extends Plain {

		@Override
		public void work() {
		}

	}

	static class AnnotatedMethod {

		@Transactional("other")
		public void work() {
		}

	}

	@Transactional
	static class AnnotatedClass {

	}

	static class InheritsAnnotatedMethod extends AnnotatedMethod {

		@Override
		public void work() {
		}

	}

	interface AnnotatedInterface {

		@Transactional("other")
		void work();

	}

	static class ImplementsAnnotatedInterface implements AnnotatedInterface {

		@Override
		public void work() {
		}

	}

	/** Declares nothing itself; its own interface does. */
	interface InheritingInterface extends AnnotatedInterface {

	}

	static class ImplementsInheritingInterface implements InheritingInterface {

		@Override
		public void work() {
		}

	}

	static class SubclassOfImplementsInheritingInterface extends ImplementsInheritingInterface {

	}

	static class SingleTableTransactionalMethod {

		@SingleTableTransactional
		public void work() {
		}

	}

	static class ComposedAnnotationMethod {

		@ComposedTransactional
		void work() {
		}

	}

}
