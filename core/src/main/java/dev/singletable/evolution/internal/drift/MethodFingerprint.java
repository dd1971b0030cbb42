package dev.singletable.evolution.internal.drift;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.springframework.asm.ClassReader;
import org.springframework.asm.ClassVisitor;
import org.springframework.asm.Handle;
import org.springframework.asm.Label;
import org.springframework.asm.MethodVisitor;
import org.springframework.asm.SpringAsmInfo;
import org.springframework.asm.Type;

/**
 * The fingerprint of a {@code @ComputedIndexKey} method's logic: a SHA-256 over its bytecode instructions, read
 * with Spring's ASM without debug information (line numbers, local variable names), so that renaming the method,
 * reformatting or recompiling it leaves the fingerprint as it was while a change of what it computes does not.
 * A call to another method of the same class (a helper) is fingerprinted by the helper's own instructions instead
 * of its name, so a renamed helper is no change either and a helper whose logic changed is one. When the class
 * file cannot be read (a class generated at run time), the fingerprint is the method's name and return type.
 */
final class MethodFingerprint {

	private MethodFingerprint() {
	}

	/**
	 * Returns the fingerprint of a method's logic, as hex text.
	 */
	static String of(Method method) {
		Map<String, byte[]> bodies = instructions(method.getDeclaringClass());
		String key = method.getName() + Type.getMethodDescriptor(method);
		if (bodies == null || !bodies.containsKey(key)) {
			return "signature:" + method.getName() + ":" + method.getReturnType().getName();
		}
		MessageDigest digest = sha256();
		digestInlined(key, bodies, digest, new HashSet<>());
		return HexFormat.of().formatHex(digest.digest());
	}

	/** Digests a method's instructions, each call to a method of the same class replaced by the callee's. */
	private static void digestInlined(String key, Map<String, byte[]> bodies, MessageDigest digest, Set<String> open) {
		byte[] body = bodies.get(key);
		if (body == null || !open.add(key)) {
			digest.update("recursion".getBytes(StandardCharsets.UTF_8));
			return;
		}
		String text = new String(body, StandardCharsets.UTF_8);
		int start = 0;
		int marker;
		while ((marker = text.indexOf(Recorder.SELF_CALL, start)) >= 0) {
			int end = text.indexOf('\n', marker);
			digest.update(text.substring(start, marker).getBytes(StandardCharsets.UTF_8));
			String callee = text.substring(marker + Recorder.SELF_CALL.length(), end);
			digest.update("call{".getBytes(StandardCharsets.UTF_8));
			digestInlined(callee, bodies, digest, open);
			digest.update("}".getBytes(StandardCharsets.UTF_8));
			start = end + 1;
		}
		digest.update(text.substring(start).getBytes(StandardCharsets.UTF_8));
		open.remove(key);
	}

	/** The instructions of every method of a class as text, by name and descriptor; {@literal null} unreadable. */
	private static @Nullable Map<String, byte[]> instructions(Class<?> type) {
		String resource = type.getName().replace('.', '/') + ".class";
		ClassLoader loader = (type.getClassLoader() != null) ? type.getClassLoader() : ClassLoader.getSystemClassLoader();
		try (InputStream in = loader.getResourceAsStream(resource)) {
			if (in == null) {
				return null;
			}
			ClassReader reader = new ClassReader(in);
			Map<String, byte[]> bodies = new HashMap<>();
			String owner = reader.getClassName();
			reader.accept(new ClassVisitor(SpringAsmInfo.ASM_VERSION) {

				@Override
				public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
						String[] exceptions) {
					return new Recorder(owner, (text) -> bodies.put(name + descriptor, text));
				}

			}, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
			return bodies;
		}
		catch (IOException | RuntimeException ex) {
			return null;
		}
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

	/**
	 * Writes a method's instructions as text, one a line: labels by their order of appearance, calls to the
	 * class's own methods as {@link #SELF_CALL} and the callee's name and descriptor (resolved by the digest).
	 */
	private static final class Recorder extends MethodVisitor {

		static final String SELF_CALL = "self-call ";

		private final String owner;

		private final Consumer<byte[]> done;

		private final StringBuilder text = new StringBuilder();

		private final Map<Label, Integer> labels = new HashMap<>();

		Recorder(String owner, Consumer<byte[]> done) {
			super(SpringAsmInfo.ASM_VERSION);
			this.owner = owner;
			this.done = done;
		}

		private Recorder line(Object... parts) {
			for (Object part : parts) {
				this.text.append(part).append(' ');
			}
			this.text.append('\n');
			return this;
		}

		private String label(Label label) {
			return "L" + this.labels.computeIfAbsent(label, (key) -> this.labels.size());
		}

		@Override
		public void visitInsn(int opcode) {
			line("insn", opcode);
		}

		@Override
		public void visitIntInsn(int opcode, int operand) {
			line("int", opcode, operand);
		}

		@Override
		public void visitVarInsn(int opcode, int varIndex) {
			line("var", opcode, varIndex);
		}

		/** A type as written: the class itself as {@code self}, so a renamed class with the same logic is alike. */
		private String owner(String type) {
			return type.equals(this.owner) ? "self" : type;
		}

		@Override
		public void visitTypeInsn(int opcode, String type) {
			line("type", opcode, owner(type));
		}

		@Override
		public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
			line("field", opcode, owner(owner), name, descriptor.replace("L" + this.owner + ";", "Lself;"));
		}

		@Override
		public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
			if (owner.equals(this.owner)) {
				line("invoke", opcode);
				this.text.append(SELF_CALL).append(name).append(descriptor).append('\n');
			}
			else {
				line("invoke", opcode, owner, name, descriptor);
			}
		}

		@Override
		public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap, Object... arguments) {
			StringBuilder args = new StringBuilder();
			StringBuilder selfCalls = new StringBuilder();
			for (Object argument : arguments) {
				if (argument instanceof Handle handle && handle.getOwner().equals(this.owner)) {
					// a lambda's body: a synthetic method named after the enclosing one, fingerprinted by its logic
					args.append("self-handle ").append(handle.getTag()).append(';');
					selfCalls.append(SELF_CALL).append(handle.getName()).append(handle.getDesc()).append('\n');
				}
				else {
					args.append(argument).append(';');
				}
			}
			line("indy", name, descriptor, bootstrap, args);
			this.text.append(selfCalls);
		}

		@Override
		public void visitJumpInsn(int opcode, Label label) {
			line("jump", opcode, label(label));
		}

		@Override
		public void visitLabel(Label label) {
			line("label", label(label));
		}

		@Override
		public void visitLdcInsn(Object value) {
			line("ldc", value.getClass().getSimpleName(),
					(value instanceof Type type) ? type.getDescriptor().replace("L" + this.owner + ";", "Lself;") : value);
		}

		@Override
		public void visitIincInsn(int varIndex, int increment) {
			line("iinc", varIndex, increment);
		}

		@Override
		public void visitTableSwitchInsn(int min, int max, Label dflt, Label... targets) {
			StringBuilder to = new StringBuilder();
			for (Label target : targets) {
				to.append(label(target)).append(',');
			}
			line("tableswitch", min, max, label(dflt), to);
		}

		@Override
		public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] targets) {
			StringBuilder to = new StringBuilder();
			for (int i = 0; i < keys.length; i++) {
				to.append(keys[i]).append(':').append(label(targets[i])).append(',');
			}
			line("lookupswitch", label(dflt), to);
		}

		@Override
		public void visitMultiANewArrayInsn(String descriptor, int numDimensions) {
			line("multianewarray", descriptor, numDimensions);
		}

		@Override
		public void visitTryCatchBlock(Label start, Label end, Label handler, @Nullable String type) {
			line("try", label(start), label(end), label(handler), type);
		}

		@Override
		public void visitEnd() {
			this.done.accept(this.text.toString().getBytes(StandardCharsets.UTF_8));
		}

	}

}
