/**
 * The fixed part of every exported Keras script: reading the weights with
 * numpy, the sketch-rnn mixture-density loss, the optimizer, and the command
 * line (summary, --check-weights, --train with optional MirroredStrategy).
 * Kept as Python text here so that one place holds it.
 */
export const PY_RUNTIME = String.raw`
def read_weights():
    """The trained weights by layer name, each layer's list in Keras's order."""
    with open(WEIGHTS_JSON) as f:
        specs = json.load(f)
    raw = np.fromfile(WEIGHTS_BIN, dtype=np.uint8)
    dtypes = {"float32": "<f4", "int32": "<i4"}
    by_layer, offset = {}, 0
    for spec in specs:
        dtype = np.dtype(dtypes[spec["dtype"]])
        count = int(np.prod(spec["shape"])) if spec["shape"] else 1
        size = count * dtype.itemsize
        if offset + size > raw.size:
            sys.exit("%s is shorter than %s says" % (WEIGHTS_BIN, WEIGHTS_JSON))
        value = raw[offset:offset + size].view(dtype).reshape(spec["shape"])
        by_layer.setdefault(spec["name"].split("/")[0], []).append(value.astype(np.float32))
        offset += size
    if offset != raw.size:
        sys.exit("%s is longer than %s says" % (WEIGHTS_BIN, WEIGHTS_JSON))
    return by_layer


def load_weights(model, by_layer):
    for layer in model.layers:
        if not layer.weights:
            continue
        values = by_layer.get(layer.name)
        if values is None:
            sys.exit("no weights for layer %r in %s" % (layer.name, WEIGHTS_BIN))
        layer.set_weights(values)


def mdn_loss(mixtures):
    """The sketch-rnn loss Seqwire trains mdn heads with: mixture NLL of (dx, dy) up to the end, plus pen-state cross-entropy."""
    import tensorflow as tf

    def loss(y_true, y_pred):
        m = mixtures
        pi, mu_x, mu_y, log_sx, log_sy, rho_raw, pen_logits = tf.split(y_pred, [m, m, m, m, m, m, 3], axis=-1)
        dx, dy, pen = tf.split(tf.cast(y_true, y_pred.dtype), [1, 1, 3], axis=-1)
        rho = tf.tanh(rho_raw)
        zx = (dx - mu_x) / tf.exp(log_sx)
        zy = (dy - mu_y) / tf.exp(log_sy)
        one_minus_rho2 = tf.maximum(1.0 - rho * rho, 1e-5)
        z = zx * zx + zy * zy - 2.0 * rho * zx * zy
        log_n = -z / (2.0 * one_minus_rho2) - (np.log(2.0 * np.pi) + log_sx + log_sy + 0.5 * tf.math.log(one_minus_rho2))
        log_mix = tf.reduce_logsumexp(tf.nn.log_softmax(pi, axis=-1) + log_n, axis=-1)
        not_ended = 1.0 - pen[..., 2]
        offsets = tf.reduce_mean(-log_mix * not_ended)
        pens = tf.reduce_mean(-tf.reduce_sum(pen * tf.nn.log_softmax(pen_logits, axis=-1), axis=-1))
        return offsets + pens

    return loss


def loss_for(output, target):
    """The loss of an Output head, as Seqwire trains it; softmax targets may be ids (sparse) or one-hot."""
    import tensorflow as tf

    head = output["head"]
    if head == "softmax":
        sparse = target.ndim == len(output["shape"])
        return tf.keras.losses.SparseCategoricalCrossentropy() if sparse else tf.keras.losses.CategoricalCrossentropy()
    if head == "sigmoid":
        return tf.keras.losses.BinaryCrossentropy()
    if head == "mdn":
        return mdn_loss(output["mixtures"])
    return tf.keras.losses.MeanSquaredError()


def make_optimizer(args):
    import tensorflow as tf

    kinds = {"adam": tf.keras.optimizers.Adam, "sgd": tf.keras.optimizers.SGD, "rmsprop": tf.keras.optimizers.RMSprop, "adagrad": tf.keras.optimizers.Adagrad}
    options = {"learning_rate": args.learning_rate}
    if args.clipnorm > 0:
        # Seqwire clips the global norm of all gradients together, as global_clipnorm does.
        options["global_clipnorm"] = args.clipnorm
    return kinds[args.optimizer](**options)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check-weights", action="store_true", help="read the weights with numpy only and print the parameter count per layer")
    parser.add_argument("--train", metavar="DATA.npz", help="train further on arrays named by input and Output node id")
    parser.add_argument("--epochs", type=int, default=TRAINING["epochs"])
    parser.add_argument("--batch-size", type=int, default=TRAINING["batch_size"])
    parser.add_argument("--learning-rate", type=float, default=TRAINING["learning_rate"])
    parser.add_argument("--optimizer", choices=["adam", "sgd", "rmsprop", "adagrad"], default=TRAINING["optimizer"])
    parser.add_argument("--clipnorm", type=float, default=TRAINING["clipnorm"])
    parser.add_argument("--validation-split", type=float, default=TRAINING["validation_split"])
    parser.add_argument("--distribute", action="store_true", help="train on all local GPUs with tf.distribute.MirroredStrategy")
    parser.add_argument("--save", metavar="OUT.keras", help="save the model (after training, if any)")
    args = parser.parse_args(argv)

    if args.check_weights:
        counts = {name: int(sum(v.size for v in values)) for name, values in read_weights().items()}
        total = sum(counts.values())
        print(json.dumps({"layers": counts, "total": total, "expected": EXPECTED_PARAMS}))
        return 0 if total == EXPECTED_PARAMS else 1

    import tensorflow as tf

    data = np.load(args.train) if args.train else None
    if data is not None:
        missing = [name for name in INPUTS + [o["name"] for o in OUTPUTS] if name not in data.files]
        if missing:
            sys.exit("%s has no array named %s (it holds %s)" % (args.train, ", ".join(missing), ", ".join(data.files)))
    strategy = tf.distribute.MirroredStrategy() if args.distribute else tf.distribute.get_strategy()
    with strategy.scope():
        model = build_model()
        load_weights(model, read_weights())
        if model.count_params() != EXPECTED_PARAMS:
            sys.exit("the Keras model has %d parameters, Seqwire's has %d" % (model.count_params(), EXPECTED_PARAMS))
        if data is not None:
            losses = [loss_for(o, data[o["name"]]) for o in OUTPUTS]
            model.compile(optimizer=make_optimizer(args), loss=losses)
    model.summary()
    if data is not None:
        x = [data[name] for name in INPUTS]
        y = [data[o["name"]] for o in OUTPUTS]
        model.fit(x, y, batch_size=args.batch_size, epochs=args.epochs, validation_split=args.validation_split)
    if args.save:
        model.save(args.save)
        print("saved", args.save)
    return 0


if __name__ == "__main__":
    sys.exit(main())
`;
