package org.relnet.rn;

import java.lang.ref.Cleaner;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.bytedeco.dnnl.const_dnnl_op_desc_t;
import org.bytedeco.dnnl.dnnl_engine;
import org.bytedeco.dnnl.dnnl_exec_arg_t;
import org.bytedeco.dnnl.dnnl_memory;
import org.bytedeco.dnnl.dnnl_memory_desc_t;
import org.bytedeco.dnnl.dnnl_primitive;
import org.bytedeco.dnnl.dnnl_primitive_desc;
import org.bytedeco.dnnl.dnnl_stream;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.bytedeco.dnnl.global.dnnl.*;

/**
 * The oneDNN library (JavaCPP's {@code org.bytedeco:dnnl} presets) called directly, on memory owned by
 * ND4J arrays: one CPU engine and stream per process, and the small amount of bookkeeping every primitive
 * needs (memory descriptors, status checks, argument lists, clean-up). Primitives built here are bound to
 * the caller's layouts, unlike libnd4j's oneDNN helpers, which convert to oneDNN's blocked layouts and
 * back around every call.
 *
 * <p>A {@link Computation} is not thread-safe; the engine and stream are shared (oneDNN allows that on CPU).
 */
final class OneDnn {

    private static final String UNAVAILABLE;
    private static dnnl_engine engine;
    private static dnnl_stream stream;

    static {
        String why = null;
        try {
            // ND4J first: its natives bring libgomp, which oneDNN's OpenMP runtime must share, so that the
            // thread count set around each call (Conv2d) reaches oneDNN's parallel regions.
            if (!Nd4j.getEnvironment().isCPU()) {
                why = "not on ND4J's CPU backend";
            } else {
                engine = new dnnl_engine();
                check(dnnl_engine_create(engine, dnnl_cpu, 0), "engine");
                stream = new dnnl_stream();
                check(dnnl_stream_create(stream, engine, dnnl_stream_default_flags), "stream");
            }
        } catch (LinkageError | RuntimeException e) {
            why = "oneDNN not loadable here (" + e + ")";
        }
        UNAVAILABLE = why;
    }

    private OneDnn() {
    }

    /** Null when usable, else why not (no natives for this platform, not the CPU backend). */
    static String unavailable() {
        return UNAVAILABLE;
    }

    /** True for float arrays laid out densely in c order (or null), the only ones handed to oneDNN. */
    static boolean fitsIfPresent(INDArray a) {
        return a == null || (a.dataType() == DataType.FLOAT && isDenseC(a));
    }

    /**
     * Dense row-major, ignoring the strides of size-1 dimensions: ND4J's own check
     * ({@code Shape.hasDefaultStridesForShape}) rejects e.g. a [6, 1, 5, 5] weight view with strides
     * [25, 25, 5, 1] or a [1, 6] bias view in 'f' order, which are laid out exactly as oneDNN reads them.
     */
    private static boolean isDenseC(INDArray a) {
        long expected = 1;
        for (int d = a.rank() - 1; d >= 0; d--) {
            if (a.size(d) != 1 && a.stride(d) != expected) {
                return false;
            }
            expected *= a.size(d);
        }
        return true;
    }

    static void check(int status, String what) {
        if (status != dnnl_success) {
            throw new IllegalStateException("oneDNN: " + what + " failed with status " + status);
        }
    }

    /** Primitives, memories and buffers of one computation, freed together. */
    static final class Resources implements Runnable {
        private final List<dnnl_primitive> primitives = new ArrayList<>();
        private final List<dnnl_primitive_desc> descriptors = new ArrayList<>();
        private final List<dnnl_memory> memories = new ArrayList<>();
        private final List<Pointer> buffers = new ArrayList<>();
        private final Address address = new Address();

        static dnnl_memory_desc_t desc(int tag, long... dims) {
            dnnl_memory_desc_t md = new dnnl_memory_desc_t();
            check(dnnl_memory_desc_init_by_tag(md, dims.length, dims, dnnl_f32, tag), "memory descriptor");
            return md;
        }

        /** A primitive descriptor for an op descriptor ({@code hint}: the forward one, for backward ops). */
        dnnl_primitive_desc describe(Pointer opDesc, dnnl_primitive_desc hint, String what) {
            dnnl_primitive_desc pd = new dnnl_primitive_desc();
            check(dnnl_primitive_desc_create(pd, new const_dnnl_op_desc_t(opDesc), null, engine, hint), what);
            descriptors.add(pd);
            return pd;
        }

        dnnl_primitive primitive(dnnl_primitive_desc pd, String what) {
            dnnl_primitive p = new dnnl_primitive();
            check(dnnl_primitive_create(p, pd), what);
            primitives.add(p);
            return p;
        }

        /** Memory whose data handle the caller sets before each use ({@link #bind}). */
        dnnl_memory memory(dnnl_memory_desc_t md) {
            dnnl_memory m = new dnnl_memory();
            check(dnnl_memory_create(m, md, engine, (Pointer) null), "memory");
            memories.add(m);
            return m;
        }

        /** Memory with its own buffer (for a primitive's preferred weight layout). */
        dnnl_memory ownedMemory(dnnl_memory_desc_t md) {
            dnnl_memory m = memory(md);
            BytePointer buffer = new BytePointer(dnnl_memory_desc_get_size(md));
            buffers.add(buffer);
            check(dnnl_memory_set_data_handle(m, buffer), "memory handle");
            return m;
        }

        /** A conversion from one layout to another. */
        dnnl_primitive reorder(dnnl_memory_desc_t from, dnnl_memory_desc_t to) {
            dnnl_primitive_desc pd = new dnnl_primitive_desc();
            check(dnnl_reorder_primitive_desc_create(pd, from, engine, to, engine, null), "reorder");
            descriptors.add(pd);
            return primitive(pd, "reorder");
        }

        /** Points {@code m} at {@code a}'s first element (a float array, see {@link OneDnn#fitsIfPresent}). */
        void bind(dnnl_memory m, INDArray a) {
            check(dnnl_memory_set_data_handle(m, address.at(a.data().address() + a.offset() * Float.BYTES)),
                    "memory handle");
        }

        @Override
        public void run() {
            primitives.forEach(p -> dnnl_primitive_destroy(p));
            descriptors.forEach(pd -> dnnl_primitive_desc_destroy(pd));
            memories.forEach(m -> dnnl_memory_destroy(m));
            buffers.forEach(Pointer::close);
            primitives.clear();
            descriptors.clear();
            memories.clear();
            buffers.clear();
        }
    }

    /** What one computation built (primitives, memories, buffers), freed by {@link #close}. */
    abstract static class Computation {
        final Resources resources = new Resources();

        /** Frees the primitives and buffers (the object is unusable afterwards). */
        final void close() {
            resources.run();
        }
    }

    /**
     * Computations per input shape (a few: training batch, evaluation batch, a last partial batch), freed
     * when their owner is collected (they hold JIT-compiled code and buffers outside the Java heap).
     */
    static final class PerShape<T extends Computation> implements Runnable {
        private static final Cleaner CLEANER = Cleaner.create();
        private static final int KEPT = 4;
        private final Map<List<Long>, T> byShape = new LinkedHashMap<>();

        PerShape(Object owner) {
            CLEANER.register(owner, this);
        }

        synchronized T get(long[] shape, Supplier<T> build) {
            List<Long> key = Arrays.stream(shape).boxed().collect(Collectors.toList());
            T c = byShape.get(key);
            if (c == null) {
                if (byShape.size() == KEPT) {
                    Iterator<T> eldest = byShape.values().iterator();
                    eldest.next().close();
                    eldest.remove();
                }
                c = build.get();
                byShape.put(key, c);
            }
            return c;
        }

        synchronized List<T> values() {
            return new ArrayList<>(byShape.values());
        }

        @Override
        public synchronized void run() {
            byShape.values().forEach(Computation::close);
            byShape.clear();
        }
    }

    /** One primitive with its arguments ({@code DNNL_ARG_*} and memory), assembled once, run many times. */
    static final class Call {
        private final dnnl_primitive primitive;
        private final List<Integer> kinds = new ArrayList<>();
        private final List<dnnl_memory> memories = new ArrayList<>();
        private dnnl_exec_arg_t args;

        Call(dnnl_primitive primitive) {
            this.primitive = primitive;
        }

        Call with(int kind, dnnl_memory memory) {
            kinds.add(kind);
            memories.add(memory);
            return this;
        }

        void run() {
            if (args == null) {
                args = new dnnl_exec_arg_t(kinds.size());
                for (int i = 0; i < kinds.size(); i++) {
                    args.position(i).arg(kinds.get(i)).memory(memories.get(i));
                }
                args.position(0);
            }
            check(dnnl_primitive_execute(primitive, stream, kinds.size(), args), "execute");
        }
    }

    /** The name of the implementation oneDNN chose (e.g. "jit:avx2"), for tests and benchmarks. */
    static String implementation(dnnl_primitive_desc pd) {
        PointerPointer<BytePointer> out = new PointerPointer<>(1);
        check(dnnl_primitive_desc_query(pd, dnnl_query_impl_info_str, 0, out), "query");
        return out.get(BytePointer.class, 0).getString();
    }

    /** A reusable raw pointer: JavaCPP's Pointer with a settable address. */
    private static final class Address extends Pointer {
        Address at(long value) {
            address = value;
            return this;
        }
    }
}
