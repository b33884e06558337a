"""Layer and model configs as each Keras version writes them in `to_json`,
`model.save(.h5)` (model_config) and `model.save(.keras)` (config.json).
Keras 2: `{class_name, config, name, inbound_nodes: [[[layer, node, tensor, kwargs], ...]]}`.
Keras 3: `{module, class_name, config, registered_name, build_config, name,
inbound_nodes: [{args: [__keras_tensor__...], kwargs}]}`, dtypes as policies.
"""


def _init(name, keras3=False, **config):
    if keras3:
        return {'module': 'keras.initializers', 'class_name': name, 'config': config, 'registered_name': None}
    return {'class_name': name, 'config': config}


def _dtype(keras3):
    if keras3:
        return {'module': 'keras', 'class_name': 'DTypePolicy', 'config': {'name': 'float32'}, 'registered_name': None}
    return 'float32'


def lstm_config(name, units, return_sequences=False, return_state=False, go_backwards=False, recurrent_activation='sigmoid', keras3=False, **extra):
    c = {
        'name': name, 'trainable': True, 'dtype': _dtype(keras3),
        'return_sequences': return_sequences, 'return_state': return_state, 'go_backwards': go_backwards,
        'stateful': False, 'unroll': False, 'units': units, 'activation': 'tanh', 'recurrent_activation': recurrent_activation,
        'use_bias': True, 'kernel_initializer': _init('GlorotUniform', keras3, seed=None),
        'recurrent_initializer': _init('Orthogonal', keras3, gain=1.0, seed=None), 'bias_initializer': _init('Zeros', keras3),
        'unit_forget_bias': True, 'kernel_regularizer': None, 'recurrent_regularizer': None, 'bias_regularizer': None,
        'activity_regularizer': None, 'kernel_constraint': None, 'recurrent_constraint': None, 'bias_constraint': None,
        'dropout': 0.0, 'recurrent_dropout': 0.0,
    }
    if not keras3:
        c['time_major'] = False
        c.setdefault('implementation', 2)
    else:
        c['seed'] = None
    c.update(extra)
    return c


def gru_config(name, units, reset_after=True, return_sequences=False, keras3=False, **extra):
    c = lstm_config(name, units, return_sequences=return_sequences, keras3=keras3)
    del c['unit_forget_bias']
    c['reset_after'] = reset_after
    c.update(extra)
    return c


def dense_config(name, units, activation='linear', keras3=False):
    return {
        'name': name, 'trainable': True, 'dtype': _dtype(keras3), 'units': units, 'activation': activation, 'use_bias': True,
        'kernel_initializer': _init('GlorotUniform', keras3, seed=None), 'bias_initializer': _init('Zeros', keras3),
        'kernel_regularizer': None, 'bias_regularizer': None, 'activity_regularizer': None, 'kernel_constraint': None, 'bias_constraint': None,
    }


def k2_layer(class_name, config, name=None, inbound=None):
    layer = {'class_name': class_name, 'config': config}
    if inbound is not None or name is not None:
        layer['name'] = name or config['name']
        layer['inbound_nodes'] = inbound or []
    return layer


def k2_sequential_list(layers, keras_version):
    """Keras 2.0.x: a Sequential's config is the bare list of its layers."""
    return {'class_name': 'Sequential', 'config': layers, 'keras_version': keras_version, 'backend': 'tensorflow'}


def k2_functional(name, layers, inputs, outputs, keras_version='2.11.0'):
    return {'class_name': 'Functional', 'config': {'name': name, 'layers': layers, 'input_layers': inputs, 'output_layers': outputs},
            'keras_version': keras_version, 'backend': 'tensorflow'}


def k3_tensor(layer, shape, dtype='float32'):
    return {'class_name': '__keras_tensor__', 'config': {'shape': shape, 'dtype': dtype, 'keras_history': [layer, 0, 0]}}


def k3_layer(class_name, config, name=None, inbound=None, build=None):
    layer = {'module': 'keras.layers', 'class_name': class_name, 'config': config, 'registered_name': None}
    if build is not None:
        layer['build_config'] = {'input_shape': build}
    if inbound is not None or name is not None:
        layer['name'] = name or config['name']
        layer['inbound_nodes'] = [{'args': list(args), 'kwargs': {}} for args in (inbound or [])]
    return layer


def k3_functional(name, layers, inputs, outputs):
    """Keras 3 writes a single input or output as one [layer, node, tensor], not a list of them."""
    return {'module': 'keras.src.models.functional', 'class_name': 'Functional',
            'config': {'name': name, 'trainable': True, 'layers': layers, 'input_layers': inputs, 'output_layers': outputs},
            'registered_name': 'Functional', 'build_config': {'input_shape': None}, 'compile_config': None}


def k3_sequential(name, layers, input_shape):
    return {'module': 'keras', 'class_name': 'Sequential',
            'config': {'name': name, 'trainable': True, 'dtype': _dtype(True), 'layers': layers, 'build_input_shape': input_shape},
            'registered_name': None, 'build_config': {'input_shape': input_shape}, 'compile_config': None}
