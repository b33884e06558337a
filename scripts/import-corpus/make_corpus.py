#!/usr/bin/python3
"""Writes the import corpus (electron/cli/commands/import-corpus/): small recurrent models in
every layers format Seqwire imports, as Keras and TensorFlow.js write them,
with the outputs their source computes.

Keras is not installed here, so each file is written the way Keras writes it
(the config layout of each version, the HDF5 layout of `model.save`), and the
source's outputs come from PyTorch, an implementation independent of Seqwire
and of TensorFlow.js, with the Keras weights moved into PyTorch's layout
(gate order, transposes, the two GRU bias rows). TensorFlow.js files need no
stand-in: the test compares with plain `tf.loadLayersModel`.

Run: /usr/bin/python3 scripts/import-corpus/make_corpus.py  (numpy, h5py, torch)
"""
import io
import json
import os
import sys
import zipfile

import h5py
import numpy as np
import torch

sys.path.insert(0, os.path.dirname(__file__))
from keras_configs import (  # noqa: E402
    k2_layer, k2_functional, k2_sequential_list, k3_layer, k3_functional, k3_sequential, k3_tensor,
    lstm_config, gru_config, dense_config,
)

OUT = os.path.join(os.path.dirname(__file__), '..', '..', 'electron', 'cli', 'commands', 'import-corpus')
rng = np.random.default_rng(20261128)
torch.set_default_dtype(torch.float64)


def weights(*shape):
    return rng.normal(0, 0.4, size=shape).astype(np.float32)


def t(a):
    return torch.tensor(np.asarray(a, dtype=np.float64))


# ---- PyTorch references of Keras layers (batch-first) ----

def lstm_ref(x, kernel, rec, bias, h0=None, c0=None, backwards=False):
    u = rec.shape[0]
    m = torch.nn.LSTM(kernel.shape[0], u, batch_first=True)
    with torch.no_grad():
        m.weight_ih_l0.copy_(t(kernel.T)); m.weight_hh_l0.copy_(t(rec.T))  # gates i, f, c(g), o in both
        m.bias_ih_l0.copy_(t(bias)); m.bias_hh_l0.zero_()
    if backwards:
        x = torch.flip(x, [1])
    state = None if h0 is None else (h0.unsqueeze(0), c0.unsqueeze(0))
    seq, (h, c) = m(x, state)
    if backwards:
        seq = torch.flip(seq, [1])
    return seq, h[0], c[0]


def gru_ref(x, kernel, rec, bias):
    """Keras reset_after=True: kernel columns z, r, h; PyTorch rows r, z, n; bias rows input, recurrent."""
    u = rec.shape[0]
    order = lambda a: np.concatenate([a[..., u:2 * u], a[..., :u], a[..., 2 * u:]], axis=-1)
    m = torch.nn.GRU(kernel.shape[0], u, batch_first=True)
    with torch.no_grad():
        m.weight_ih_l0.copy_(t(order(kernel).T)); m.weight_hh_l0.copy_(t(order(rec).T))
        m.bias_ih_l0.copy_(t(order(bias[0]))); m.bias_hh_l0.copy_(t(order(bias[1])))
    seq, h = m(x)
    return seq, h[0]


def dense_ref(x, kernel, bias, activation='linear'):
    y = x @ t(kernel) + t(bias)
    return {'linear': y, 'softmax': torch.softmax(y, -1), 'tanh': torch.tanh(y), 'relu': torch.relu(y), 'sigmoid': torch.sigmoid(y)}[activation]


# ---- writers ----

def write_json(name, obj):
    with open(os.path.join(OUT, name), 'w') as f:
        json.dump(obj, f)


def write_expected(name, inputs, outputs, params, source):
    write_json(f'{name}.expected.json', {
        'source': source,
        'params': params,
        'inputs': [np.asarray(i).tolist() for i in inputs],
        'outputs': [o.detach().numpy().astype(np.float32).tolist() for o in outputs] if outputs else None,
    })


def strings(values):
    return np.array([v.encode('utf8') for v in values])


def write_keras2_h5(path, model_json, layer_weights, keras_version='2.11.0'):
    """Keras 2's `model.save('x.h5')`: model_config as an attribute, weights under model_weights/<layer>/<weight name>."""
    with h5py.File(path, 'w') as f:
        f.attrs['keras_version'] = keras_version.encode('utf8')
        f.attrs['backend'] = b'tensorflow'
        f.attrs['model_config'] = json.dumps(model_json).encode('utf8')
        g = f.create_group('model_weights')
        names = [l['config']['name'] for l in model_json['config']['layers']]
        g.attrs['layer_names'] = strings(names)
        g.attrs['backend'] = b'tensorflow'
        g.attrs['keras_version'] = keras_version.encode('utf8')
        for layer in names:
            lg = g.create_group(layer)
            entries = layer_weights.get(layer, [])
            lg.attrs['weight_names'] = strings([n for n, _ in entries]) if entries else np.array([], dtype='S1')
            for n, value in entries:
                lg.create_dataset(n, data=value)


def write_keras3(path, config, var_groups):
    """Keras 3's `model.save('x.keras')`: a zip of config.json, metadata.json and model.weights.h5 (layers/<name>/.../vars/<i>)."""
    buf = io.BytesIO()
    with h5py.File(buf, 'w') as f:
        layers = f.create_group('layers')
        for layer_path, values in var_groups:
            vars_group = layers.create_group(f'{layer_path}/vars') if f'layers/{layer_path}/vars' not in f else f[f'layers/{layer_path}/vars']
            for i, v in enumerate(values):
                vars_group.create_dataset(str(i), data=v)
        f.create_group('optimizer/vars')
    with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED) as z:
        z.writestr('metadata.json', json.dumps({'keras_version': '3.6.0', 'date_saved': '2026-11-28@04:00:00'}))
        z.writestr('config.json', json.dumps(config))
        z.writestr('model.weights.h5', buf.getvalue())


# ---- the corpus ----

def keras206_sequential_lstm():
    """Keras 2.0.6 to_json: the config is the list of layers; hard_sigmoid gates; Dense + Activation as the output."""
    cfg = k2_sequential_list([
        k2_layer('LSTM', lstm_config('lstm_1', 8, recurrent_activation='hard_sigmoid', batch_input_shape=[None, 10, 4], implementation=0)),
        k2_layer('Dense', dense_config('dense_1', 3)),
        k2_layer('Activation', {'name': 'activation_1', 'trainable': True, 'activation': 'softmax'}),
    ], keras_version='2.0.6')
    write_json('keras2.0.6-sequential-lstm.json', cfg)
    write_expected('keras2.0.6-sequential-lstm.json', [], None, 4 * (8 * (4 + 8) + 8) + 3 * 9, 'Keras 2.0.6 to_json (no weights)')


def keras2_seq2seq_h5():
    """tf.keras 2.x Functional encoder-decoder, saved as .h5: the encoder's states start the decoder; GRU-free, softmax output."""
    F, G, U, V = 4, 3, 5, 6
    enc_k, enc_r, enc_b = weights(F, 4 * U), weights(U, 4 * U), weights(4 * U)
    dec_k, dec_r, dec_b = weights(G, 4 * U), weights(U, 4 * U), weights(4 * U)
    out_k, out_b = weights(U, V), weights(V)
    layers = [
        k2_layer('InputLayer', {'batch_input_shape': [None, None, F], 'dtype': 'float32', 'sparse': False, 'ragged': False, 'name': 'encoder_inputs'}, name='encoder_inputs'),
        k2_layer('InputLayer', {'batch_input_shape': [None, None, G], 'dtype': 'float32', 'sparse': False, 'ragged': False, 'name': 'decoder_inputs'}, name='decoder_inputs'),
        k2_layer('LSTM', lstm_config('encoder', U, return_state=True), inbound=[[['encoder_inputs', 0, 0, {}]]]),
        k2_layer('LSTM', lstm_config('decoder', U, return_sequences=True), inbound=[[['decoder_inputs', 0, 0, {}], ['encoder', 0, 1, {}], ['encoder', 0, 2, {}]]]),
        k2_layer('Dense', dense_config('decoder_dense', V, activation='softmax'), inbound=[[['decoder', 0, 0, {}]]]),
    ]
    cfg = k2_functional('seq2seq', layers, [['encoder_inputs', 0, 0], ['decoder_inputs', 0, 0]], [['decoder_dense', 0, 0]])
    write_keras2_h5(os.path.join(OUT, 'keras2-seq2seq-lstm.h5'), cfg, {
        'encoder': [('encoder/lstm_cell/kernel:0', enc_k), ('encoder/lstm_cell/recurrent_kernel:0', enc_r), ('encoder/lstm_cell/bias:0', enc_b)],
        'decoder': [('decoder/lstm_cell_1/kernel:0', dec_k), ('decoder/lstm_cell_1/recurrent_kernel:0', dec_r), ('decoder/lstm_cell_1/bias:0', dec_b)],
        'decoder_dense': [('decoder_dense/kernel:0', out_k), ('decoder_dense/bias:0', out_b)],
    })
    xe, xd = rng.normal(size=(2, 7, F)).astype(np.float32), rng.normal(size=(2, 5, G)).astype(np.float32)
    _, h, c = lstm_ref(t(xe), enc_k, enc_r, enc_b)
    seq, _, _ = lstm_ref(t(xd), dec_k, dec_r, dec_b, h, c)
    y = dense_ref(seq, out_k, out_b, 'softmax')
    params = 4 * (U * (F + U) + U) + 4 * (U * (G + U) + U) + V * (U + 1)
    write_expected('keras2-seq2seq-lstm.h5', [xe, xd], [y], params, 'tf.keras 2.11 model.save(.h5); outputs by PyTorch')

    # The same model as Keras's seq2seq example saves it for inference: an encoder giving its states, a decoder taking them.
    enc_layers = [layers[0], k2_layer('LSTM', lstm_config('encoder', U, return_state=True), inbound=[[['encoder_inputs', 0, 0, {}]]])]
    enc_cfg = k2_functional('encoder_model', enc_layers, [['encoder_inputs', 0, 0]], [['encoder', 0, 1], ['encoder', 0, 2]])
    state = lambda name: k2_layer('InputLayer', {'batch_input_shape': [None, U], 'dtype': 'float32', 'sparse': False, 'ragged': False, 'name': name}, name=name)
    dec_layers = [
        layers[1], state('input_3'), state('input_4'),
        k2_layer('LSTM', lstm_config('decoder', U, return_sequences=True, return_state=True), inbound=[[['decoder_inputs', 0, 0, {}], ['input_3', 0, 0, {}], ['input_4', 0, 0, {}]]]),
        k2_layer('Dense', dense_config('decoder_dense', V, activation='softmax'), inbound=[[['decoder', 0, 0, {}]]]),
    ]
    dec_cfg = k2_functional('decoder_model', dec_layers, [['decoder_inputs', 0, 0], ['input_3', 0, 0], ['input_4', 0, 0]], [['decoder_dense', 0, 0], ['decoder', 0, 1], ['decoder', 0, 2]])
    os.makedirs(os.path.join(OUT, 'join'), exist_ok=True)
    write_keras2_h5(os.path.join(OUT, 'join', 'encoder.h5'), enc_cfg, {'encoder': [('encoder/lstm_cell/kernel:0', enc_k), ('encoder/lstm_cell/recurrent_kernel:0', enc_r), ('encoder/lstm_cell/bias:0', enc_b)]})
    write_keras2_h5(os.path.join(OUT, 'join', 'decoder.h5'), dec_cfg, {
        'decoder': [('decoder/lstm_cell_1/kernel:0', dec_k), ('decoder/lstm_cell_1/recurrent_kernel:0', dec_r), ('decoder/lstm_cell_1/bias:0', dec_b)],
        'decoder_dense': [('decoder_dense/kernel:0', out_k), ('decoder_dense/bias:0', out_b)],
    })
    write_json('join/seq2seq.join.json', {
        'source': 'tf.keras 2.11 encoder and decoder saved apart (.h5); outputs by PyTorch', 'encoder': 'encoder.h5', 'decoder': 'decoder.h5',
        'params': params, 'inputs': [xe.tolist(), xd.tolist()], 'outputs': [y.detach().numpy().astype(np.float32).tolist()],
    })


def keras2_gru_forecaster_h5():
    """tf.keras 2.x Sequential: GRU (reset_after=True, the TF2 default) -> Dense -> Activation('sigmoid')."""
    F, U = 3, 6
    k, r, b = weights(F, 3 * U), weights(U, 3 * U), weights(2, 3 * U)
    dk, db = weights(U, 2), weights(2)
    layers = [
        k2_layer('InputLayer', {'batch_input_shape': [None, 12, F], 'dtype': 'float32', 'sparse': False, 'ragged': False, 'name': 'gru_input'}),
        k2_layer('GRU', gru_config('gru', U, reset_after=True)),
        k2_layer('Dense', dense_config('dense', 2)),
        k2_layer('Activation', {'name': 'activation', 'trainable': True, 'dtype': 'float32', 'activation': 'sigmoid'}),
    ]
    cfg = {'class_name': 'Sequential', 'config': {'name': 'forecaster', 'layers': layers}, 'keras_version': '2.11.0', 'backend': 'tensorflow'}
    write_keras2_h5(os.path.join(OUT, 'keras2-gru-forecaster.h5'), cfg, {
        'gru': [('gru/gru_cell/kernel:0', k), ('gru/gru_cell/recurrent_kernel:0', r), ('gru/gru_cell/bias:0', b)],
        'dense': [('dense/kernel:0', dk), ('dense/bias:0', db)],
    })
    x = rng.normal(size=(3, 12, F)).astype(np.float32)
    _, h = gru_ref(t(x), k, r, b)
    y = dense_ref(h, dk, db, 'sigmoid')
    write_expected('keras2-gru-forecaster.h5', [x], [y], 3 * (U * (F + U) + 2 * U) + 2 * (U + 1), 'tf.keras 2.11 model.save(.h5); outputs by PyTorch')


def keras3_tagger_keras():
    """Keras 3 Functional tagger saved as .keras: Embedding -> Bidirectional(LSTM) -> TimeDistributed(Dense softmax)."""
    V, E, U, C, T = 20, 5, 4, 3, 6
    emb = weights(V, E)
    fk, fr, fb = weights(E, 4 * U), weights(U, 4 * U), weights(4 * U)
    bk, br, bb = weights(E, 4 * U), weights(U, 4 * U), weights(4 * U)
    dk, db = weights(2 * U, C), weights(C)
    shape = lambda *s: [None, *s]
    layers = [
        k3_layer('InputLayer', {'batch_shape': shape(T), 'dtype': 'int32', 'sparse': False, 'name': 'tokens'}, name='tokens'),
        k3_layer('Embedding', {'name': 'embedding', 'trainable': True, 'dtype': 'float32', 'input_dim': V, 'output_dim': E, 'embeddings_initializer': {'module': 'keras.initializers', 'class_name': 'RandomUniform', 'config': {'seed': None, 'minval': -0.05, 'maxval': 0.05}, 'registered_name': None}, 'mask_zero': False},
                 inbound=[[k3_tensor('tokens', shape(T), 'int32')]], build=shape(T)),
        k3_layer('Bidirectional', {'name': 'bidirectional', 'trainable': True, 'dtype': 'float32', 'merge_mode': 'concat',
                                   'layer': {'module': 'keras.layers', 'class_name': 'LSTM', 'config': lstm_config('forward_lstm', U, return_sequences=True, keras3=True), 'registered_name': None},
                                   'backward_layer': {'module': 'keras.layers', 'class_name': 'LSTM', 'config': lstm_config('backward_lstm', U, return_sequences=True, go_backwards=True, keras3=True), 'registered_name': None}},
                 inbound=[[k3_tensor('embedding', shape(T, E))]], build=shape(T, E)),
        k3_layer('TimeDistributed', {'name': 'time_distributed', 'trainable': True, 'dtype': 'float32',
                                     'layer': {'module': 'keras.layers', 'class_name': 'Dense', 'config': dense_config('dense', C, activation='softmax', keras3=True), 'registered_name': None}},
                 inbound=[[k3_tensor('bidirectional', shape(T, 2 * U))]], build=shape(T, 2 * U)),
    ]
    cfg = k3_functional('tagger', layers, ['tokens', 0, 0], ['time_distributed', 0, 0])
    write_keras3(os.path.join(OUT, 'keras3-bidirectional-tagger.keras'), cfg, [
        ('embedding', [emb]),
        ('bidirectional/forward_layer/cell', [fk, fr, fb]),
        ('bidirectional/backward_layer/cell', [bk, br, bb]),
        ('time_distributed/layer', [dk, db]),
    ])
    ids = rng.integers(0, V, size=(2, T)).astype(np.int32)
    x = t(emb[ids])
    fwd, _, _ = lstm_ref(x, fk, fr, fb)
    bwd, _, _ = lstm_ref(x, bk, br, bb, backwards=True)
    y = dense_ref(torch.cat([fwd, bwd], -1), dk, db, 'softmax')
    params = V * E + 2 * 4 * (U * (E + U) + U) + C * (2 * U + 1)
    write_expected('keras3-bidirectional-tagger.keras', [ids], [y], params, 'Keras 3.6 model.save(.keras); outputs by PyTorch')


def keras3_stacked_gru():
    """Keras 3 Sequential of two GRUs (reset_after=True) and a Dense: as .keras with weights, and as to_json."""
    F, U, T = 2, 5, 9
    k1, r1, b1 = weights(F, 3 * U), weights(U, 3 * U), weights(2, 3 * U)
    k2, r2, b2 = weights(U, 3 * U), weights(U, 3 * U), weights(2, 3 * U)
    dk, db = weights(U, 1), weights(1)
    layers = [
        k3_layer('InputLayer', {'batch_shape': [None, T, F], 'dtype': 'float32', 'sparse': False, 'name': 'input_layer'}),
        k3_layer('GRU', gru_config('gru', U, reset_after=True, return_sequences=True, keras3=True), build=[None, T, F]),
        k3_layer('GRU', gru_config('gru_1', U, reset_after=True, keras3=True), build=[None, T, U]),
        k3_layer('Dense', dense_config('dense', 1, keras3=True), build=[None, U]),
    ]
    cfg = k3_sequential('stacked_gru', layers, [None, T, F])
    write_keras3(os.path.join(OUT, 'keras3-stacked-gru.keras'), cfg, [('gru/cell', [k1, r1, b1]), ('gru_1/cell', [k2, r2, b2]), ('dense', [dk, db])])
    write_json('keras3-stacked-gru.json', cfg)
    x = rng.normal(size=(2, T, F)).astype(np.float32)
    s1, _ = gru_ref(t(x), k1, r1, b1)
    _, h = gru_ref(s1, k2, r2, b2)
    y = dense_ref(h, dk, db)
    params = 3 * (U * (F + U) + 2 * U) + 3 * (U * (U + U) + 2 * U) + (U + 1)
    write_expected('keras3-stacked-gru.keras', [x], [y], params, 'Keras 3.6 model.save(.keras); outputs by PyTorch')
    write_expected('keras3-stacked-gru.json', [], None, params, 'Keras 3.6 to_json (no weights)')


def tfjs_converter_1_3():
    """tensorflowjs_converter 1.3 of a Keras 2.2 model: no `format`, the Keras config wrapped in model_config, a shard named group1-shard1of1."""
    F, U = 3, 4
    k, r, b = weights(F, 3 * U), weights(U, 3 * U), weights(3 * U)
    dk, db = weights(U, 2), weights(2)
    layers = [
        k2_layer('GRU', gru_config('gru_1', U, reset_after=False, batch_input_shape=[None, 8, F], recurrent_activation='hard_sigmoid')),
        k2_layer('Dense', dense_config('dense_1', 2, activation='softmax')),
    ]
    topology = {'keras_version': '2.2.4', 'backend': 'tensorflow', 'model_config': {'class_name': 'Sequential', 'config': {'name': 'sequential_1', 'layers': layers}}}
    specs, blobs = [], []
    for name, value in [('gru_1/kernel', k), ('gru_1/recurrent_kernel', r), ('gru_1/bias', b), ('dense_1/kernel', dk), ('dense_1/bias', db)]:
        specs.append({'name': name, 'shape': list(value.shape), 'dtype': 'float32'})
        blobs.append(value.astype('<f4').tobytes())
    os.makedirs(os.path.join(OUT, 'tfjs-1.3'), exist_ok=True)
    write_json('tfjs-1.3/model.json', {'modelTopology': topology, 'weightsManifest': [{'paths': ['group1-shard1of1'], 'weights': specs}]})
    with open(os.path.join(OUT, 'tfjs-1.3', 'group1-shard1of1'), 'wb') as f:
        f.write(b''.join(blobs))
    x = rng.normal(size=(2, 8, F)).astype(np.float32)
    write_expected('tfjs-1.3/model.json', [x], None, 3 * (U * (F + U) + U) + 2 * (U + 1), 'tensorflowjs_converter 1.3 layout; outputs by tf.loadLayersModel in the test')


def keras2_masked_lstm_h5():
    """tf.keras 2.x Sequential for variable-length sequences: Masking(0) -> LSTM -> Dense softmax; zero-padded inputs."""
    F, U, T = 3, 4, 7
    k, r, b = weights(F, 4 * U), weights(U, 4 * U), weights(4 * U)
    dk, db = weights(U, 2), weights(2)
    layers = [
        k2_layer('InputLayer', {'batch_input_shape': [None, T, F], 'dtype': 'float32', 'sparse': False, 'ragged': False, 'name': 'masking_input'}),
        k2_layer('Masking', {'name': 'masking', 'trainable': True, 'dtype': 'float32', 'mask_value': 0.0}),
        k2_layer('LSTM', lstm_config('lstm', U)),
        k2_layer('Dense', dense_config('dense', 2, activation='softmax')),
    ]
    cfg = {'class_name': 'Sequential', 'config': {'name': 'masked', 'layers': layers}, 'keras_version': '2.11.0', 'backend': 'tensorflow'}
    write_keras2_h5(os.path.join(OUT, 'keras2-masked-lstm.h5'), cfg, {
        'lstm': [('lstm/lstm_cell/kernel:0', k), ('lstm/lstm_cell/recurrent_kernel:0', r), ('lstm/lstm_cell/bias:0', b)],
        'dense': [('dense/kernel:0', dk), ('dense/bias:0', db)],
    })
    lengths = [7, 4, 2]
    x = rng.normal(size=(3, T, F)).astype(np.float32)
    for i, n in enumerate(lengths):
        x[i, n:] = 0
    # Keras skips masked steps: the state after each sequence's last real step.
    hs = [lstm_ref(t(x[i:i + 1, :n]), k, r, b)[1] for i, n in enumerate(lengths)]
    y = dense_ref(torch.cat(hs, 0), dk, db, 'softmax')
    write_expected('keras2-masked-lstm.h5', [x], [y], 4 * (U * (F + U) + U) + 2 * (U + 1), 'tf.keras 2.11 model.save(.h5); outputs by PyTorch on the unpadded steps')


def keras3_conv1d_keras():
    """Keras 3 Sequential 1-D CNN: Conv1D(same, relu) -> BatchNormalization -> MaxPooling1D -> GlobalAveragePooling1D -> Dense -> Activation softmax."""
    F, C, T, K, V = 2, 4, 10, 3, 3
    ck, cb = weights(K, F, C), weights(C)
    gamma, beta, mean = weights(C), weights(C), weights(C)
    var = (rng.uniform(0.5, 2.0, size=C)).astype(np.float32)
    dk, db = weights(C, V), weights(V)
    conv = {'name': 'conv1d', 'trainable': True, 'dtype': {'module': 'keras', 'class_name': 'DTypePolicy', 'config': {'name': 'float32'}, 'registered_name': None},
            'filters': C, 'kernel_size': [K], 'strides': [1], 'padding': 'same', 'data_format': 'channels_last', 'dilation_rate': [1], 'groups': 1,
            'activation': 'relu', 'use_bias': True, 'kernel_initializer': None, 'bias_initializer': None}
    bn = {'name': 'batch_normalization', 'trainable': True, 'axis': -1, 'momentum': 0.99, 'epsilon': 0.001, 'center': True, 'scale': True}
    layers = [
        k3_layer('InputLayer', {'batch_shape': [None, T, F], 'dtype': 'float32', 'sparse': False, 'name': 'input_layer'}),
        k3_layer('Conv1D', conv, build=[None, T, F]),
        k3_layer('BatchNormalization', bn, build=[None, T, C]),
        k3_layer('MaxPooling1D', {'name': 'max_pooling1d', 'trainable': True, 'pool_size': [2], 'padding': 'valid', 'strides': [2], 'data_format': 'channels_last'}),
        k3_layer('GlobalAveragePooling1D', {'name': 'global_average_pooling1d', 'trainable': True, 'data_format': 'channels_last', 'keepdims': False}),
        k3_layer('Dense', dense_config('dense', V, keras3=True), build=[None, C]),
        k3_layer('Activation', {'name': 'activation', 'trainable': True, 'activation': 'softmax'}),
    ]
    cfg = k3_sequential('cnn', layers, [None, T, F])
    write_keras3(os.path.join(OUT, 'keras3-conv1d-batchnorm.keras'), cfg, [('conv1d', [ck, cb]), ('batch_normalization', [gamma, beta, mean, var]), ('dense', [dk, db])])
    x = rng.normal(size=(2, T, F)).astype(np.float32)
    conv_m = torch.nn.Conv1d(F, C, K, padding='same')
    with torch.no_grad():
        conv_m.weight.copy_(t(np.transpose(ck, (2, 1, 0)))); conv_m.bias.copy_(t(cb))
    h = torch.relu(conv_m(t(x).transpose(1, 2)))  # [B, C, T]
    h = (h - t(mean)[:, None]) / torch.sqrt(t(var)[:, None] + 0.001) * t(gamma)[:, None] + t(beta)[:, None]
    h = torch.nn.functional.max_pool1d(h, 2)
    h = h.mean(-1)
    y = dense_ref(h, dk, db, 'softmax')
    params = K * F * C + C + 4 * C + V * (C + 1)
    write_expected('keras3-conv1d-batchnorm.keras', [x], [y], params, 'Keras 3.6 model.save(.keras); outputs by PyTorch')


def tfjs_converter_4_22():
    """tensorflowjs_converter 4.22 of a tf.keras 2.15 tagger: `format` layers-model, generatedBy/convertedBy, Bidirectional GRU (reset_after=False, which tfjs runs) and TimeDistributed Dense; two shards."""
    F, U, C, T = 3, 4, 5, 6
    fk, fr, fb = weights(F, 3 * U), weights(U, 3 * U), weights(3 * U)
    bk, br, bb = weights(F, 3 * U), weights(U, 3 * U), weights(3 * U)
    dk, db = weights(2 * U, C), weights(C)
    inner = {'class_name': 'GRU', 'config': gru_config('gru', U, reset_after=False, return_sequences=True)}
    layers = [
        k2_layer('InputLayer', {'batch_input_shape': [None, T, F], 'dtype': 'float32', 'sparse': False, 'ragged': False, 'name': 'frames'}, name='frames'),
        k2_layer('Bidirectional', {'name': 'bidirectional', 'trainable': True, 'dtype': 'float32', 'layer': inner, 'merge_mode': 'concat'}, inbound=[[['frames', 0, 0, {}]]]),
        k2_layer('TimeDistributed', {'name': 'time_distributed', 'trainable': True, 'dtype': 'float32', 'layer': {'class_name': 'Dense', 'config': dense_config('dense', C, activation='softmax')}}, inbound=[[['bidirectional', 0, 0, {}]]]),
    ]
    topology = {'class_name': 'Functional', 'config': {'name': 'tagger', 'layers': layers, 'input_layers': [['frames', 0, 0]], 'output_layers': [['time_distributed', 0, 0]]},
                'keras_version': '2.15.0', 'backend': 'tensorflow'}
    named = [('bidirectional/forward_gru/kernel', fk), ('bidirectional/forward_gru/recurrent_kernel', fr), ('bidirectional/forward_gru/bias', fb),
             ('bidirectional/backward_gru/kernel', bk), ('bidirectional/backward_gru/recurrent_kernel', br), ('bidirectional/backward_gru/bias', bb),
             ('time_distributed/kernel', dk), ('time_distributed/bias', db)]
    blob = b''.join(v.astype('<f4').tobytes() for _, v in named)
    half = len(blob) // 2
    os.makedirs(os.path.join(OUT, 'tfjs-4.22'), exist_ok=True)
    write_json('tfjs-4.22/model.json', {
        'format': 'layers-model', 'generatedBy': 'keras v2.15.0', 'convertedBy': 'TensorFlow.js Converter v4.22.0', 'modelTopology': {'model_config': topology, 'keras_version': '2.15.0', 'backend': 'tensorflow'},
        'weightsManifest': [{'paths': ['group1-shard1of2.bin', 'group1-shard2of2.bin'], 'weights': [{'name': n, 'shape': list(v.shape), 'dtype': 'float32'} for n, v in named]}],
    })
    for i, part in enumerate([blob[:half], blob[half:]]):
        with open(os.path.join(OUT, 'tfjs-4.22', f'group1-shard{i + 1}of2.bin'), 'wb') as f:
            f.write(part)
    x = rng.normal(size=(2, T, F)).astype(np.float32)
    write_expected('tfjs-4.22/model.json', [x], None, 2 * 3 * (U * (F + U) + U) + C * (2 * U + 1), 'tensorflowjs_converter 4.22 layout, two shards; outputs by tf.loadLayersModel in the test')


def keras2_multi_input_json():
    """tf.keras 2.x Functional to_json (dict config): two inputs, an LSTM and a GRU (reset_after=True), Concatenate, Dense softmax."""
    layers = [
        k2_layer('InputLayer', {'batch_input_shape': [None, None, 4], 'dtype': 'float32', 'sparse': False, 'ragged': False, 'name': 'text'}, name='text'),
        k2_layer('InputLayer', {'batch_input_shape': [None, 20, 2], 'dtype': 'float32', 'sparse': False, 'ragged': False, 'name': 'signal'}, name='signal'),
        k2_layer('LSTM', lstm_config('lstm', 8), inbound=[[['text', 0, 0, {}]]]),
        k2_layer('GRU', gru_config('gru', 6, reset_after=True), inbound=[[['signal', 0, 0, {}]]]),
        k2_layer('Concatenate', {'name': 'concatenate', 'trainable': True, 'dtype': 'float32', 'axis': -1}, inbound=[[['lstm', 0, 0, {}], ['gru', 0, 0, {}]]]),
        k2_layer('Dense', dense_config('label', 3, activation='softmax'), inbound=[[['concatenate', 0, 0, {}]]]),
    ]
    write_json('keras2.12-multi-input.json', k2_functional('classifier', layers, [['text', 0, 0], ['signal', 0, 0]], [['label', 0, 0]], keras_version='2.12.0'))
    write_expected('keras2.12-multi-input.json', [], None, 4 * (8 * 12 + 8) + 3 * (6 * 8 + 12) + 3 * 15, 'tf.keras 2.12 to_json (no weights)')


if __name__ == '__main__':
    os.makedirs(OUT, exist_ok=True)
    keras206_sequential_lstm()
    keras2_seq2seq_h5()
    keras2_gru_forecaster_h5()
    keras3_tagger_keras()
    keras3_stacked_gru()
    tfjs_converter_1_3()
    keras2_masked_lstm_h5()
    keras3_conv1d_keras()
    tfjs_converter_4_22()
    keras2_multi_input_json()
    print('wrote', sorted(os.listdir(OUT)))
