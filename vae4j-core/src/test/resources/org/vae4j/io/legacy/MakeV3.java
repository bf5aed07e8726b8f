import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.List;
import org.vae4j.io.DataInfo;
import org.vae4j.io.ModelInfo;
import org.vae4j.io.ModelStore;
import org.vae4j.model.LatentModel;
import org.vae4j.model.Likelihood;
import org.vae4j.model.ModelConfig;
import org.vae4j.model.ModelKind;
import org.vae4j.optim.Adam;
import org.vae4j.train.TrainConfig;

/** Writes v3/model with vae4j 593d0bd (model.json format 3 and the checksum manifest, with optimizer.bin): see make.sh. */
public class MakeV3 {
    public static void main(String[] args) {
        ModelConfig config = new ModelConfig(ModelKind.VAE, 1, 4, 2, List.of(3), Likelihood.GAUSSIAN_LEARNED, 0.1);
        TrainConfig training = new TrainConfig(5, 16, 1e-3, 0.5, 2, true, 17);
        DataInfo data = new DataInfo("iris.csv", "crc32c:0123abcd", 120, 30,
                new float[] {4.3f, 2.0f, 1.0f, 0.1f}, new float[] {7.9f, 4.4f, 6.9f, 2.5f});
        try (NDManager manager = NDManager.newBaseManager();
                LatentModel model = LatentModel.create(config, manager, 5);
                Adam adam = Adam.forVector(model.parameterVector(), 1e-3, manager)) {
            ModelStore.save(Path.of(args[0]), model, new ModelInfo(config, training, 3, data), adam);
        }
    }
}
