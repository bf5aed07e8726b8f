package org.vae4j.spark;

import java.util.concurrent.ConcurrentHashMap;
import org.vae4j.model.ModelConfig;
import org.vae4j.train.TrainConfig;
import org.vae4j.train.TrainingReplica;

/**
 * The training replicas of one executor JVM, one per partition and configuration, reused from job to job
 * (each job overwrites the state it needs). A partition is computed by one task at a time, so a replica is
 * never used by two threads at once.
 */
final class ReplicaCache {

    private static final ConcurrentHashMap<String, TrainingReplica> REPLICAS = new ConcurrentHashMap<>();

    private ReplicaCache() {
    }

    static TrainingReplica get(int partition, ModelConfig model, TrainConfig training) {
        return REPLICAS.computeIfAbsent(partition + "|" + model + "|" + training,
                key -> TrainingReplica.create(model, training));
    }
}
