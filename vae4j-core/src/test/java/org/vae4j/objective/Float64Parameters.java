package org.vae4j.objective;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Serves float64 copies of a model's parameters, and takes the central differences of a loss computed
 * through it: (L(theta + h e_j) - L(theta - h e_j)) / 2h for every coordinate of every parameter.
 */
final class Float64Parameters extends ParameterStore {

    private final NDManager manager;
    private final List<Parameter> parameters;
    private final Map<Parameter, NDArray> arrays = new IdentityHashMap<>();

    Float64Parameters(NDManager manager, List<Parameter> parameters) {
        super(manager, false);
        this.manager = manager;
        this.parameters = List.copyOf(parameters);
        for (Parameter p : parameters) {
            arrays.put(p, p.getArray().toType(DataType.FLOAT64, true));
        }
    }

    @Override
    public NDArray getValue(Parameter parameter, Device device, boolean training) {
        return arrays.get(parameter);
    }

    /** The numerical gradient of {@code loss} (evaluated through this store), parameter by parameter. */
    double[][] centralDifferences(double step, ToDoubleFunction<ParameterStore> loss) {
        double[][] gradients = new double[parameters.size()][];
        for (int i = 0; i < parameters.size(); i++) {
            Parameter p = parameters.get(i);
            double[] values = arrays.get(p).toDoubleArray();
            gradients[i] = new double[values.length];
            for (int j = 0; j < values.length; j++) {
                double original = values[j];
                values[j] = original + step;
                set(p, values);
                double plus = loss.applyAsDouble(this);
                values[j] = original - step;
                set(p, values);
                double minus = loss.applyAsDouble(this);
                values[j] = original;
                set(p, values);
                gradients[i][j] = (plus - minus) / (2 * step);
            }
        }
        return gradients;
    }

    private void set(Parameter p, double[] values) {
        arrays.put(p, manager.create(values, arrays.get(p).getShape())).close();
    }
}
