package dev.singletable.core.convert;

import tools.jackson.databind.JacksonModule;
import tools.jackson.module.kotlin.KotlinModule;

/**
 * The adapter of Jackson 3's Kotlin module ({@code tools.jackson.module:jackson-module-kotlin}, optional): the one
 * class of core that names it, loaded only once {@link KotlinSupport} has found the module on the class path. The
 * module is built with its defaults, none of whose features changes what a Kotlin class stores: a data class writes
 * the JSON of the Java record with the same components, so that Python reads it unchanged; the module only lets the
 * mapper read what the class declares (its constructor's default values for absent properties, its nullable types,
 * its value classes).
 */
final class KotlinJacksonModule {

	private KotlinJacksonModule() {
	}

	/**
	 * Creates the module the storage mapper registers.
	 * @return the module with its default features
	 */
	static JacksonModule create() {
		return new KotlinModule.Builder().build();
	}

}
