package com.example.reference.payments;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import dev.singletable.core.SingleTableTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sealed hierarchy of entities.md: one resource changing subtype, its history typed, and the repositories of the
 * root and of one subtype.
 */
@SpringBootTest
class PaymentMethodTests {

	@Autowired
	SingleTableTemplate template;

	@Autowired
	PaymentMethodRepository methods;

	@Autowired
	PaymentCardRepository cards;

	@Test
	void aPaymentMethodChangesSubtypeAndKeepsItsHistory() {
		Card card = template.create(new Card(null, null, "c1", "4242"));
		template.update(new BankAccount(card.id(), card.version(), "c1", "DE89"));    // the same resource, version 2
		List<PaymentMethod> history = template.findAllVersions(PaymentMethod.class, card.id());  // [BankAccount, Card]
		this.template.create(new Voucher(null, null, "c1", 500));

		assertThat(history).extracting(Object::getClass).containsExactly(BankAccount.class, Card.class);
		assertThat(this.methods.findById(card.id())).get().isInstanceOf(BankAccount.class);
		assertThat(this.methods.findByCustomerId("c1")).extracting(Object::getClass)
			.containsExactlyInAnyOrder(BankAccount.class, Voucher.class);
		assertThat(this.cards.findByCustomerId("c1")).isEmpty();
		assertThat(this.methods.findByCustomerIdAndType("c1", "Voucher")).extracting(Object::getClass)
			.containsExactly(Voucher.class);
		assertThat(this.methods.restore(card.id(), 1)).isInstanceOf(Card.class);
		assertThat(this.cards.findByCustomerId("c1")).extracting(Card::last4).containsExactly("4242");
	}

}
