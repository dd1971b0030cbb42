package dev.singletable.test;

import java.io.IOException;
import java.io.InputStream;

/**
 * A class loader that defines singletable's classes itself, from its parent's class files, so that their
 * verification and linking ask it for every class they need, and leaves every other class to its parent. Tests
 * see what singletable's code asks for through {@link #asking(String)}: they record it, or refuse a library.
 */
public class SingletableFirstClassLoader extends ClassLoader {

	public SingletableFirstClassLoader(ClassLoader parent) {
		super(parent);
	}

	/**
	 * Called for every class asked of this loader, before it is looked for.
	 * @param name the class's binary name
	 * @throws ClassNotFoundException to refuse the class
	 */
	protected void asking(String name) throws ClassNotFoundException {
	}

	/**
	 * Whether this loader defines a class itself rather than leaving it to its parent: singletable's classes.
	 * @param name the class's binary name
	 * @return {@literal true} for a class this loader defines
	 */
	protected boolean definesItself(String name) {
		return name.startsWith("dev.singletable.");
	}

	@Override
	protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
		synchronized (getClassLoadingLock(name)) {
			asking(name);
			if (!definesItself(name)) {
				return super.loadClass(name, resolve);
			}
			Class<?> loaded = findLoadedClass(name);
			if (loaded == null) {
				try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
					if (in == null) {
						throw new ClassNotFoundException(name);
					}
					byte[] bytes = in.readAllBytes();
					loaded = defineClass(name, bytes, 0, bytes.length);
				}
				catch (IOException ex) {
					throw new ClassNotFoundException(name, ex);
				}
			}
			if (resolve) {
				resolveClass(loaded);
			}
			return loaded;
		}
	}

}
