//! The code beside the model: the PyTorch (and Keras) code the code panel shows, and the
//! "Export for PyTorch" script.
//!
//! Natively these tests check the text: the code of the course's models, PyTorch's naming of
//! every parameter of the generated class against the app's `state_dict`, and the exported
//! script's parts. With `PYTORCH_PYTHON` set to a Python that has PyTorch
//! (`PYTORCH_PYTHON=/path/to/python cargo test --test pytorch_code`), they also run the
//! exported scripts and the panel's training loop in PyTorch and compare with the app;
//! without it those three tests pass after printing `skipped: …` in the test output
//! (`scripts/test.sh` sets `PYTORCH_PYTHON` when its `python3` has PyTorch).

use std::path::{Path, PathBuf};
use std::process::Command;

use ndarray::ArrayD;
use rnn_playground::data::mnist::PixelScaling;
use rnn_playground::lessons::{
    preset, presets, shipped_corpus, BatchInput, Corpus, LessonId, LessonOptions, MnistOptions,
    SeriesOptions,
};
use rnn_playground::nn::{CellKind, Head, Loss, Network, NetworkConfig, Nonlinearity, Target};
use rnn_playground::train::{EarlyStopping, Session, TrainSettings};
use rnn_playground::ui::code::data::{data_code, FileContent, OfferedFile};
use rnn_playground::ui::code::export::{
    file_stem, model_file_name, pytorch_export, PytorchScript, ATOL, RTOL,
};
use rnn_playground::ui::code::{
    cell_loop_code, class_name, keras_code, py_float, pytorch_class, pytorch_code, CodeSpec,
};
use serde_json::Value;

fn assets() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets")
}

/// Saves a file the page offers beside the code into `dir`, as a student would.
fn save_offered(f: &OfferedFile, dir: &Path) {
    match &f.content {
        FileContent::Served(path) => {
            std::fs::copy(assets().join(path), dir.join(&f.name)).unwrap();
        }
        FileContent::Made(text) => std::fs::write(dir.join(&f.name), text).unwrap(),
    }
}

fn corpus(lesson: LessonId) -> Corpus {
    shipped_corpus(lesson, &assets()).unwrap()
}

/// A session of a preset, optionally with other model and settings.
fn session(
    id: &str,
    model: impl FnOnce(NetworkConfig) -> NetworkConfig,
    settings: impl FnOnce(TrainSettings) -> TrainSettings,
    options: impl FnOnce(LessonOptions) -> LessonOptions,
) -> Session {
    let p = preset(id).unwrap();
    let options = options(p.options);
    let data = options.prepare(&corpus(p.lesson)).unwrap();
    Session::new(data, model(p.model), settings(p.settings), 3).unwrap()
}

fn preset_session(id: &str) -> Session {
    session(id, |m| m, |s| s, |o| o)
}

/// The code panel's PyTorch and Keras code of a session.
fn codes(s: &Session) -> (String, Option<String>) {
    let options = s.options();
    let spec = CodeSpec {
        options: &options,
        model: s.model(),
        settings: s.settings(),
        loss: s.options().loss(),
        corpus: None,
    };
    (pytorch_code(&spec), keras_code(&spec))
}

/// Shows where two texts part (a plain `assert_eq!` on a page of code is hard to read).
fn assert_text(found: &str, expected: &str) {
    if let Ok(dir) = std::env::var("DUMP_CODE") {
        let n = std::fs::read_dir(&dir).map(|d| d.count()).unwrap_or(0);
        std::fs::write(format!("{dir}/{n}.py"), found).unwrap();
    }
    if found != expected {
        for (i, (f, e)) in found.lines().zip(expected.lines()).enumerate() {
            assert_eq!(f, e, "line {} differs; whole text:\n{found}", i + 1);
        }
        assert_eq!(
            found.lines().count(),
            expected.lines().count(),
            "different line counts; whole text:\n{found}"
        );
        assert_eq!(found, expected);
    }
}

const CHAR_LSTM: &str = r#"# RNN Playground, Character model: the model and training loop of the current settings.
# The parameter names are the app's: its exported state_dict loads with load_state_dict.
import torch
import torch.nn as nn


# The data, as the app builds it: the text as symbol ids, with a start and an end token.
string = "hello pytorch. how long can a rnn cell remember? show me your limit!"
chars = "abcdefghijklmnopqrstuvwxyz ?!.,:;"  # the course's alphabet, without its start and end (0 and 1)
n_letters = len(chars) + 2  # every character, then the start and end tokens
start, end = n_letters - 2, n_letters - 1
ids = [start] + [chars.index(c) for c in string] + [end]
steps = len(ids) - 1  # each symbol is an input; the one after it, its target
window = 69  # timesteps per training example: the whole text
starts = list(range(0, steps - window + 1, window))
if starts[-1] + window < steps:
    starts.append(steps - window)  # a last window that ends at the end
inputs = [ids[s:s + window] for s in starts]
targets = [ids[s + 1:s + window + 1] for s in starts]
x = nn.functional.one_hot(torch.tensor(inputs), n_letters).float()  # [examples, window, n_letters]
y = nn.functional.one_hot(torch.tensor(targets), n_letters).float()  # the next symbol, one-hot
train_dataset = torch.utils.data.TensorDataset(x, y)


class LSTMModel(nn.Module):
    def __init__(self):
        super().__init__()
        self.rnn = nn.LSTM(
            input_size=35,
            hidden_size=35,
            num_layers=1,
            bias=True,
            batch_first=True,
            dropout=0.0,
            bidirectional=False,
        )
        self.fc = nn.Linear(35, 35)

    def forward(self, x):
        # x: [batch, seq, 35] floats
        out, _ = self.rnn(x)  # [batch, seq, 35]; h0 and c0 start at zero
        return self.fc(out)  # an output at every timestep: [batch, seq, 35]


model = LSTMModel()
criterion = nn.MSELoss()
optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
epochs = 1000

train_loader = torch.utils.data.DataLoader(train_dataset, batch_size=1, shuffle=False)

for epoch in range(epochs):
    model.train()
    for x, y in train_loader:
        optimizer.zero_grad()
        out = model(x)
        # the MSE of every timestep, summed over the timesteps (the course's total_loss)
        loss = sum(criterion(out[:, t], y[:, t]) for t in range(out.size(1)))
        loss.backward()
        optimizer.step()
    if (epoch + 1) % 10 == 0:
        print(f'epoch {epoch + 1}: loss {loss.item():.4f}')
"#;

#[test]
fn the_course_char_lstm_in_pytorch() {
    let s = preset_session("char-course-lstm");
    let (code, keras) = codes(&s);
    assert_text(&code, CHAR_LSTM);
    assert!(keras.is_none(), "no Keras form for a per-step model");
}

const SENTIMENT_LSTM: &str = r#"# RNN Playground, Review sentiment: the model and training loop of the current settings.
# The parameter names are the app's: its exported state_dict loads with load_state_dict.
import copy
import csv
import gzip
import io
import os
from collections import Counter

import torch
import torch.nn as nn


# The data, as the app builds it: the two review files offered beside this code.
def read_reviews(path):
    with open(path, 'rb') as f:
        raw = f.read()
    if raw[:2] == b'\x1f\x8b':
        raw = gzip.decompress(raw)
    text = raw.decode('utf-8')
    if '\t' in text.split('\n', 1)[0]:
        lines = [line[:-1] if line.endswith('\r') else line for line in text.split('\n')]
        rows = [line.split('\t') for line in lines if line.strip()]
    else:
        rows = [row for row in csv.reader(io.StringIO(text, newline='')) if row]
    header = [name.strip().lstrip('\ufeff').lower() for name in rows[0]]
    doc = next(i for i, name in enumerate(header) if name in ('document', 'review', 'text'))
    lab = next(i for i, name in enumerate(header) if name in ('label', 'sentiment'))
    labels = {'0': 0, 'negative': 0, 'neg': 0, '1': 1, 'positive': 1, 'pos': 1}
    reviews = []
    for cells in rows[1:]:
        if cells[doc].strip():
            reviews.append((cells[doc], labels[cells[lab].strip().lower()]))
    return reviews


def app_shuffle(n, seed):
    # The app's shuffle, written out so the same reviews are held out: PCG64 (as Rust's
    # rand_pcg), seeded from one number, then Fisher-Yates. Any shuffle would do.
    M64, M128 = (1 << 64) - 1, (1 << 128) - 1
    words = []
    for _ in range(8):  # the 32-byte seed, from PCG32 steps
        seed = (seed * 6364136223846793005 + 11634580027462260723) & M64
        x = (((seed >> 18) ^ seed) >> 27) & 0xFFFFFFFF
        r = seed >> 59
        words.append(((x >> r) | (x << (32 - r))) & 0xFFFFFFFF)
    state = words[0] | words[1] << 32 | words[2] << 64 | words[3] << 96
    inc = (words[4] | words[5] << 32 | words[6] << 64 | words[7] << 96) | 1
    mul = 0x2360ED051FC65DA44385DF649FCCF645
    state = ((state + inc) * mul + inc) & M128

    def next_u64():
        nonlocal state
        state = (state * mul + inc) & M128
        r = state >> 122
        x = ((state >> 64) ^ state) & M64
        return ((x >> r) | (x << (64 - r))) & M64

    order = list(range(n))
    for i in range(n - 1, 0, -1):
        bound = i + 1
        reject_below = (1 << 64) % bound
        while True:
            x = next_u64()
            if x >= reject_below:
                break
        j = x % bound
        order[i], order[j] = order[j], order[i]
    return order


def tokens(text):
    return [c for c in text if not c.isspace()]  # one token per syllable (character)


train_reviews = read_reviews('train10k.txt.gz')
if os.path.exists('test2k.txt.gz'):
    test_reviews = read_reviews('test2k.txt.gz')
else:  # one file of your own: its last fifth is the test set, as the app splits it
    cut = len(train_reviews) - len(train_reviews) // 5
    train_reviews, test_reviews = train_reviews[:cut], train_reviews[cut:]
order = app_shuffle(len(train_reviews), 42)
held = round(len(train_reviews) * 0.2)  # held out for validation
val_reviews = [train_reviews[i] for i in order[:held]]
train_reviews = [train_reviews[i] for i in sorted(order[held:])]  # in the file's order

# The vocabulary of the training reviews: 0 pads, 1 stands for any other token, then the
# 498 most frequent tokens (ties: the one seen first), as Keras's Tokenizer(num_words=500).
counts = Counter()
for text, _ in train_reviews:
    counts.update(tokens(text))
vocab = [token for token, _ in counts.most_common(498)]
token_id = {token: i + 2 for i, token in enumerate(vocab)}
maxlen = 100


def pad(ids):  # pad_sequences(maxlen=100, padding='pre', truncating='pre')
    ids = ids[-maxlen:]  # a long review keeps its end
    return [0] * (maxlen - len(ids)) + ids


def encode(reviews):
    return ([pad([token_id.get(t, 1) for t in tokens(text)]) for text, _ in reviews],
            [label for _, label in reviews])


train_seq, train_target = encode(train_reviews)
val_seq, val_target = encode(val_reviews)
test_seq, test_target = encode(test_reviews)


def dataset(seq, target):  # token ids, for the embedding
    return torch.utils.data.TensorDataset(torch.tensor(seq), torch.tensor(target, dtype=torch.float32).unsqueeze(1))
train_dataset = dataset(train_seq, train_target)
test_dataset = dataset(test_seq, test_target)
val_dataset = dataset(val_seq, val_target)


class LSTMModel(nn.Module):
    def __init__(self):
        super().__init__()
        self.embedding = nn.Embedding(500, 16)  # token id -> 16 numbers
        self.drop = nn.Dropout(0.3)  # on the RNN's input, in training only
        self.rnn = nn.LSTM(
            input_size=16,
            hidden_size=8,
            num_layers=1,
            bias=True,
            batch_first=True,
            dropout=0.0,
            bidirectional=False,
        )
        self.fc = nn.Linear(8, 1)

    def forward(self, x):
        # x: [batch, 100] token ids
        x = self.embedding(x)  # [batch, 100, 16]
        x = self.drop(x)
        out, _ = self.rnn(x)  # [batch, 100, 8]; h0 and c0 start at zero
        return self.fc(out[:, -1, :])  # the last timestep's output: [batch, 1]


model = LSTMModel()
criterion = nn.BCEWithLogitsLoss()  # sigmoid and binary cross-entropy in one, on the logit
optimizer = torch.optim.RMSprop(model.parameters(), lr=1e-4, alpha=0.9, eps=1e-7)
epochs = 100
patience = 3  # early stopping: evaluations without a lower validation loss

train_loader = torch.utils.data.DataLoader(train_dataset, batch_size=64, shuffle=True)
val_loader = torch.utils.data.DataLoader(val_dataset, batch_size=64)


def evaluate(loader):
    model.eval()  # no dropout
    total, count = 0.0, 0
    with torch.no_grad():
        for x, y in loader:
            out = model(x)
            total += (criterion(out, y)).item() * len(x)
            count += len(x)
    return total / count


best_loss, best_state, waited = float('inf'), None, 0
for epoch in range(epochs):
    model.train()  # dropout on
    for x, y in train_loader:
        optimizer.zero_grad()
        out = model(x)
        loss = criterion(out, y)
        loss.backward()
        optimizer.step()
    val_loss = evaluate(val_loader)
    print(f'epoch {epoch + 1}: loss {loss.item():.4f}, validation loss {val_loss:.4f}')
    if val_loss < best_loss:
        best_loss, best_state, waited = val_loss, copy.deepcopy(model.state_dict()), 0
    else:
        waited += 1
        if waited >= patience:
            break
if best_state is not None:
    model.load_state_dict(best_state)  # the best epoch's weights, as the app keeps them

test_loader = torch.utils.data.DataLoader(test_dataset, batch_size=64)
model.eval()
correct, total = 0, 0
with torch.no_grad():
    for x, y in test_loader:
        out = model(x)
        predicted = (out > 0).float()  # a positive logit: positive
        correct += (predicted == y).sum().item()
        total += len(y)
print(f'test accuracy: {100 * correct / total:.1f} % of {total} test reviews')
"#;

const SENTIMENT_KERAS: &str = r#"# RNN Playground, Review sentiment: the same model and training in Keras.
import csv
import gzip
import io
import os
from collections import Counter

import numpy as np
from tensorflow import keras


# The data, as the app builds it: the two review files offered beside this code.
def read_reviews(path):
    with open(path, 'rb') as f:
        raw = f.read()
    if raw[:2] == b'\x1f\x8b':
        raw = gzip.decompress(raw)
    text = raw.decode('utf-8')
    if '\t' in text.split('\n', 1)[0]:
        lines = [line[:-1] if line.endswith('\r') else line for line in text.split('\n')]
        rows = [line.split('\t') for line in lines if line.strip()]
    else:
        rows = [row for row in csv.reader(io.StringIO(text, newline='')) if row]
    header = [name.strip().lstrip('\ufeff').lower() for name in rows[0]]
    doc = next(i for i, name in enumerate(header) if name in ('document', 'review', 'text'))
    lab = next(i for i, name in enumerate(header) if name in ('label', 'sentiment'))
    labels = {'0': 0, 'negative': 0, 'neg': 0, '1': 1, 'positive': 1, 'pos': 1}
    reviews = []
    for cells in rows[1:]:
        if cells[doc].strip():
            reviews.append((cells[doc], labels[cells[lab].strip().lower()]))
    return reviews


def app_shuffle(n, seed):
    # The app's shuffle, written out so the same reviews are held out: PCG64 (as Rust's
    # rand_pcg), seeded from one number, then Fisher-Yates. Any shuffle would do.
    M64, M128 = (1 << 64) - 1, (1 << 128) - 1
    words = []
    for _ in range(8):  # the 32-byte seed, from PCG32 steps
        seed = (seed * 6364136223846793005 + 11634580027462260723) & M64
        x = (((seed >> 18) ^ seed) >> 27) & 0xFFFFFFFF
        r = seed >> 59
        words.append(((x >> r) | (x << (32 - r))) & 0xFFFFFFFF)
    state = words[0] | words[1] << 32 | words[2] << 64 | words[3] << 96
    inc = (words[4] | words[5] << 32 | words[6] << 64 | words[7] << 96) | 1
    mul = 0x2360ED051FC65DA44385DF649FCCF645
    state = ((state + inc) * mul + inc) & M128

    def next_u64():
        nonlocal state
        state = (state * mul + inc) & M128
        r = state >> 122
        x = ((state >> 64) ^ state) & M64
        return ((x >> r) | (x << (64 - r))) & M64

    order = list(range(n))
    for i in range(n - 1, 0, -1):
        bound = i + 1
        reject_below = (1 << 64) % bound
        while True:
            x = next_u64()
            if x >= reject_below:
                break
        j = x % bound
        order[i], order[j] = order[j], order[i]
    return order


def tokens(text):
    return [c for c in text if not c.isspace()]  # one token per syllable (character)


train_reviews = read_reviews('train10k.txt.gz')
if os.path.exists('test2k.txt.gz'):
    test_reviews = read_reviews('test2k.txt.gz')
else:  # one file of your own: its last fifth is the test set, as the app splits it
    cut = len(train_reviews) - len(train_reviews) // 5
    train_reviews, test_reviews = train_reviews[:cut], train_reviews[cut:]
order = app_shuffle(len(train_reviews), 42)
held = round(len(train_reviews) * 0.2)  # held out for validation
val_reviews = [train_reviews[i] for i in order[:held]]
train_reviews = [train_reviews[i] for i in sorted(order[held:])]  # in the file's order

# The vocabulary of the training reviews: 0 pads, 1 stands for any other token, then the
# 498 most frequent tokens (ties: the one seen first), as Keras's Tokenizer(num_words=500).
counts = Counter()
for text, _ in train_reviews:
    counts.update(tokens(text))
vocab = [token for token, _ in counts.most_common(498)]
token_id = {token: i + 2 for i, token in enumerate(vocab)}
maxlen = 100


def pad(ids):  # pad_sequences(maxlen=100, padding='pre', truncating='pre')
    ids = ids[-maxlen:]  # a long review keeps its end
    return [0] * (maxlen - len(ids)) + ids


def encode(reviews):
    return ([pad([token_id.get(t, 1) for t in tokens(text)]) for text, _ in reviews],
            [label for _, label in reviews])


train_seq, train_target = encode(train_reviews)
val_seq, val_target = encode(val_reviews)
test_seq, test_target = encode(test_reviews)
train_seq, val_seq, test_seq = np.array(train_seq), np.array(val_seq), np.array(test_seq)
train_target, val_target, test_target = np.array(train_target), np.array(val_target), np.array(test_target)

model = keras.Sequential()
model.add(keras.Input(shape=(100,)))  # 100 token ids per example
model.add(keras.layers.Embedding(500, 16))
model.add(keras.layers.LSTM(8, dropout=0.3))
model.add(keras.layers.Dense(1, activation='sigmoid'))
# Keras's dropout=… draws one mask per sequence, PyTorch's nn.Dropout one per timestep.

optimizer = keras.optimizers.RMSprop(learning_rate=1e-4)
model.compile(optimizer=optimizer, loss='binary_crossentropy', metrics=['accuracy'])

checkpoint_cb = keras.callbacks.ModelCheckpoint('best-model.keras', save_best_only=True)
early_stopping_cb = keras.callbacks.EarlyStopping(patience=3, restore_best_weights=True)
history = model.fit(train_seq, train_target, epochs=100, batch_size=64,
                    validation_data=(val_seq, val_target),
                    callbacks=[checkpoint_cb, early_stopping_cb])
test_loss, test_accuracy = model.evaluate(test_seq, test_target)
print(f'test accuracy: {100 * test_accuracy:.1f} % of {len(test_target)} test reviews')
"#;

#[test]
fn the_course_sentiment_embedding_lstm_with_input_dropout_in_pytorch_and_keras() {
    let s = preset_session("sentiment-course-lstm-dropout");
    let (code, keras) = codes(&s);
    assert_text(&code, SENTIMENT_LSTM);
    assert_text(
        &keras.expect("a Keras form for the review lesson"),
        SENTIMENT_KERAS,
    );
}

#[test]
fn every_setting_reaches_the_code() {
    let model = NetworkConfig {
        cell: CellKind::Gru,
        input_size: 28,
        hidden_size: 32,
        num_layers: 3,
        bidirectional: true,
        bias: false,
        output_size: 10,
        head: Head::Flatten,
        seq_len: Some(28),
        ..NetworkConfig::default()
    };
    let settings = TrainSettings {
        optimizer: rnn_playground::optim::OptimizerConfig::Sgd(rnn_playground::optim::SgdConfig {
            lr: 0.05,
            momentum: 0.9,
            dampening: 0.0,
            weight_decay: 1e-4,
            nesterov: true,
        }),
        lr_decay: Some(rnn_playground::train::StepDecay {
            every_epochs: 4,
            gamma: 0.5,
        }),
        clip_grad_norm: Some(1.0),
        batch_size: 100,
        dropout: 0.25,
        truncate: Some(7),
        epochs: 12,
        eval_every: 2,
        early_stopping: Some(EarlyStopping {
            patience: 2,
            min_delta: 0.001,
        }),
        ..TrainSettings::default()
    };
    let options = LessonOptions::MnistRows(Default::default());
    let spec = CodeSpec {
        options: &options,
        model: &model,
        settings: &settings,
        loss: Loss::CrossEntropy,
        corpus: None,
    };
    let code = pytorch_code(&spec);
    for line in [
        "class BiGRUModel(nn.Module):",
        "        self.rnn = nn.GRU(",
        "            num_layers=3,",
        "            bias=False,",
        "            dropout=0.25,  # between layers, in training only",
        "            bidirectional=True,",
        "        self.fc = nn.Linear(1792, 10)",
        "        out = out.reshape(out.size(0), -1)  # every timestep in a row: [batch, 1792]",
        "        # The app cuts each direction's gradient every 7 steps (truncated BPTT);",
        "criterion = nn.CrossEntropyLoss()",
        "optimizer = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9, weight_decay=1e-4, nesterov=True)",
        "scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=4, gamma=0.5)",
        "epochs = 12",
        "patience = 2  # early stopping: evaluations without a lower validation loss",
        "train_loader = torch.utils.data.DataLoader(train_dataset, batch_size=100, shuffle=True)",
        "        nn.utils.clip_grad_norm_(model.parameters(), max_norm=1.0)",
        "    scheduler.step()",
        "    if (epoch + 1) % 2 == 0:",
        "        if val_loss < best_loss - 0.001:",
        "        loss = criterion(out, y)",
    ] {
        assert!(
            code.lines().any(|l| l == line),
            "missing line {line:?} in\n{code}"
        );
    }
    assert!(
        keras_code(&spec).is_none(),
        "Keras only for binary classifiers"
    );

    // Unidirectional truncation splits the sequence; an RNN names its nonlinearity.
    let rnn = NetworkConfig {
        cell: CellKind::Rnn,
        nonlinearity: Nonlinearity::Relu,
        bidirectional: false,
        head: Head::PerStep,
        ..model.clone()
    };
    let class = pytorch_class(&rnn, Some(7));
    assert!(
        class.contains("            nonlinearity='relu',\n"),
        "{class}"
    );
    assert!(
        class.contains("        for chunk in x.split(7, dim=1):\n"),
        "{class}"
    );
    assert!(
        class.contains("            state = state.detach()\n"),
        "{class}"
    );
    let lstm = NetworkConfig {
        cell: CellKind::Lstm,
        ..rnn
    };
    assert!(pytorch_class(&lstm, Some(7)).contains("state = tuple(s.detach() for s in state)"));

    // Per-step cross-entropy reshapes; the course's summed MSE sums over timesteps.
    let char_ce = preset_session("char-fast-lstm");
    assert!(codes(&char_ce)
        .0
        .contains("        loss = criterion(out.reshape(-1, 35), y.reshape(-1))\n"));
}

#[test]
fn keras_follows_the_model_one_hot_stacked_bidirectional() {
    let s = session(
        "sentiment-course-onehot-rnn",
        |m| NetworkConfig {
            num_layers: 2,
            bidirectional: true,
            ..m
        },
        |st| TrainSettings {
            dropout: 0.2,
            input_dropout: 0.1,
            clip_grad_norm: Some(2.0),
            early_stopping: None,
            ..st
        },
        |o| o,
    );
    let keras = codes(&s).1.unwrap();
    for line in [
        "model.add(keras.Input(shape=(100, 300)))  # 100 one-hot vectors of 300 per example",
        "model.add(keras.layers.Bidirectional(keras.layers.SimpleRNN(8, dropout=0.1, return_sequences=True)))",
        "model.add(keras.layers.Bidirectional(keras.layers.SimpleRNN(8, dropout=0.2)))",
        "optimizer = keras.optimizers.RMSprop(learning_rate=1e-4, global_clipnorm=2.0)",
        "train_oh = keras.utils.to_categorical(train_seq, num_classes=300)",
        "                    validation_data=(val_oh, val_target))",
    ] {
        assert!(
            keras.lines().any(|l| l == line),
            "missing line {line:?} in\n{keras}"
        );
    }
}

#[test]
fn python_floats_read_back_exactly() {
    for (x, text) in [
        (0.0, "0.0"),
        (1.0, "1.0"),
        (0.01, "0.01"),
        (1e-4, "1e-4"),
        (1e-7, "1e-7"),
        (0.3, "0.3"),
        (2.5e-5, "2.5e-5"),
        (0.999, "0.999"),
    ] {
        assert_eq!(py_float(x), text);
    }
    for x in [0.1, 1.0 / 3.0, 1e-8, 123.456, 5e-324, 1e300, -0.25] {
        assert_eq!(py_float(x).parse::<f64>().unwrap(), x, "{x}");
    }
}

// ---- PyTorch's names for the generated class ------------------------------------------------

/// The value of `name=value` in the generated `nn.LSTM(...)` call.
fn kwarg<'a>(class: &'a str, name: &str) -> &'a str {
    let prefix = format!("            {name}=");
    let line = class
        .lines()
        .find_map(|l| l.strip_prefix(prefix.as_str()))
        .unwrap_or_else(|| panic!("no {name}= in\n{class}"));
    line.split(',').next().unwrap().trim()
}

/// The integer arguments of `self.<attr> = nn.<Module>(a, b)`.
fn module_args(class: &str, attr: &str, module: &str) -> Option<(usize, usize)> {
    let prefix = format!("        self.{attr} = nn.{module}(");
    let line = class
        .lines()
        .find_map(|l| l.strip_prefix(prefix.as_str()))?;
    let inside = &line[..line.find(')')?];
    let mut it = inside
        .split(',')
        .map(|v| v.trim().parse::<usize>().unwrap());
    Some((it.next()?, it.next()?))
}

/// The `state_dict` PyTorch gives the generated class: names in registration order and shapes,
/// read from the class text the way `nn.Embedding`, `nn.RNN/LSTM/GRU` and `nn.Linear` name
/// their parameters.
fn pytorch_state_dict(class: &str) -> Vec<(String, Vec<usize>)> {
    let mut sd = Vec::new();
    if let Some((v, e)) = module_args(class, "embedding", "Embedding") {
        sd.push(("embedding.weight".to_string(), vec![v, e]));
    }
    let gates = [("RNN", 1), ("LSTM", 4), ("GRU", 3)]
        .into_iter()
        .find(|(m, _)| class.contains(&format!("        self.rnn = nn.{m}(\n")))
        .map(|(_, g)| g)
        .expect("an nn.RNN/LSTM/GRU");
    let input: usize = kwarg(class, "input_size").parse().unwrap();
    let h: usize = kwarg(class, "hidden_size").parse().unwrap();
    let layers: usize = kwarg(class, "num_layers").parse().unwrap();
    let bias = kwarg(class, "bias") == "True";
    let d = if kwarg(class, "bidirectional") == "True" {
        2
    } else {
        1
    };
    assert_eq!(kwarg(class, "batch_first"), "True");
    for k in 0..layers {
        for dir in 0..d {
            let sfx = if dir == 1 { "_reverse" } else { "" };
            let inp = if k == 0 { input } else { d * h };
            sd.push((format!("rnn.weight_ih_l{k}{sfx}"), vec![gates * h, inp]));
            sd.push((format!("rnn.weight_hh_l{k}{sfx}"), vec![gates * h, h]));
            if bias {
                sd.push((format!("rnn.bias_ih_l{k}{sfx}"), vec![gates * h]));
                sd.push((format!("rnn.bias_hh_l{k}{sfx}"), vec![gates * h]));
            }
        }
    }
    let (fin, fout) = module_args(class, "fc", "Linear").expect("self.fc = nn.Linear(...)");
    sd.push(("fc.weight".into(), vec![fout, fin]));
    sd.push(("fc.bias".into(), vec![fout]));
    sd
}

fn app_state_dict(cfg: &NetworkConfig) -> Vec<(String, Vec<usize>)> {
    let net = Network::<f32>::new(cfg, 0).unwrap();
    let p = net.params();
    p.names()
        .into_iter()
        .zip(p.views().iter().map(|v| v.shape().to_vec()))
        .collect()
}

#[test]
fn every_state_dict_key_is_the_generated_class_s_as_pytorch_names_it() {
    let mut checked = 0;
    for cell in [CellKind::Rnn, CellKind::Lstm, CellKind::Gru] {
        for layers in 1..=3 {
            for bidirectional in [false, true] {
                for bias in [true, false] {
                    for vocab in [None, Some(50)] {
                        for head in [Head::PerStep, Head::LastStep, Head::Flatten] {
                            let cfg = NetworkConfig {
                                cell,
                                input_size: 6,
                                vocab_size: vocab,
                                hidden_size: 5,
                                num_layers: layers,
                                bidirectional,
                                bias,
                                output_size: 3,
                                head,
                                seq_len: Some(4),
                                input_dropout: 0.1,
                                dropout: 0.2,
                                sigmoid_output: head == Head::Flatten,
                                ..NetworkConfig::default()
                            };
                            let class = pytorch_class(&cfg, None);
                            assert!(class.starts_with(&format!("class {}(", class_name(&cfg))));
                            assert_eq!(
                                pytorch_state_dict(&class),
                                app_state_dict(&cfg),
                                "{cfg:?}\n{class}"
                            );
                            checked += 1;
                        }
                    }
                }
            }
        }
    }
    assert_eq!(checked, 3 * 3 * 2 * 2 * 2 * 3);
    // Every preset's model as the session builds it (the course's cell keeps tutorial 01's
    // names, `i2h`/`i2o`, loaded through `from_app`: its own test below).
    for p in presets().into_iter().filter(|p| !p.model.cell.is_course()) {
        let s = session(&p.id, |m| m, |st| st, |o| o);
        let class = pytorch_class(s.model(), None);
        assert_eq!(
            pytorch_state_dict(&class),
            app_state_dict(s.model()),
            "{}",
            p.id
        );
    }
}

#[test]
fn the_page_s_loss_is_the_session_s_for_every_preset() {
    for p in presets() {
        let s = session(&p.id, |m| m, |st| st, |o| o);
        assert_eq!(p.options.loss(), s.data().loss(), "{}", p.id);
    }
}

// ---- Export for PyTorch ---------------------------------------------------------------------

/// The text of `NAME = ...` (one line) in a script.
fn assignment<'a>(script: &'a str, name: &str) -> &'a str {
    let prefix = format!("{name} = ");
    script
        .lines()
        .find_map(|l| l.strip_prefix(prefix.as_str()))
        .unwrap_or_else(|| panic!("no {name} in the script"))
}

fn shape_of(v: &Value) -> Vec<usize> {
    let mut shape = Vec::new();
    let mut cur = v;
    while let Value::Array(a) = cur {
        shape.push(a.len());
        cur = &a[0];
    }
    shape
}

fn flat(v: &Value, out: &mut Vec<f64>) {
    match v {
        Value::Array(a) => a.iter().for_each(|x| flat(x, out)),
        Value::Number(n) => out.push(n.as_f64().unwrap()),
        _ => panic!("not a number: {v}"),
    }
}

/// The app's output for the lesson's default example, and the example's input.
fn app_example(s: &Session) -> (BatchInput, ArrayD<f32>) {
    let ex = s.data().example(s.network(), &s.picker().default).unwrap();
    let (out, _) = s
        .network()
        .forward(ex.batch.input.as_input(), None, Default::default())
        .unwrap();
    (ex.batch.input, out.head_output)
}

fn check_script(s: &Session, script: &PytorchScript) {
    let text = &script.text;
    assert_eq!(
        script.name,
        format!("{}.py", file_stem(s.lesson(), s.model()))
    );
    // The check is relative plus absolute, as torch.allclose, and says what it compared.
    assert!(text.contains(&format!("RTOL = {RTOL:e}\nATOL = {ATOL:e}\n")));
    assert!(text.contains("if not torch.allclose(y, expected, rtol=RTOL, atol=ATOL):"));
    for said in [
        "outputs of shape {tuple(expected.shape)}",
        "max |PyTorch - app| = {diff.max().item():.3g}",
        "max relative difference = {rel:.3g}",
    ] {
        assert!(text.contains(said), "{said}");
    }
    assert!(!text.contains("TOLERANCE") && !text.contains("if not diff <"));
    // The import it suggests does not depend on the file's name.
    assert!(text.contains("runpy.run_path('path/to/this_file.py')['load_model']"));
    assert!(!text.contains("from rnn_playground"));
    assert!(text.contains(&pytorch_class(s.model(), s.settings().truncate)));
    assert!(text.contains(&format!("    model = {}()\n", class_name(s.model()))));
    assert!(text.contains("strict=True"));
    // The embedded model file is the app's export, with every state_dict key.
    let json = assignment(text, "MODEL_FILE")
        .strip_prefix("r'''")
        .and_then(|t| t.strip_suffix("'''"))
        .unwrap();
    assert_eq!(json, s.export_model());
    let file: Value = serde_json::from_str(json).unwrap();
    let keys: Vec<&String> = file["state_dict"].as_object().unwrap().keys().collect();
    let mut names = s.network().params().names();
    names.sort();
    assert_eq!(keys, names.iter().collect::<Vec<_>>());
    for n in &names {
        assert!(
            pytorch_state_dict(&pytorch_class(s.model(), None))
                .iter()
                .any(|(k, _)| k == n),
            "{n}"
        );
    }
    // The example and the app's output for it, exactly.
    let (input, expected) = app_example(s);
    let ex: Value = serde_json::from_str(assignment(text, "EXAMPLE_INPUT")).unwrap();
    let mut values = Vec::new();
    flat(&ex, &mut values);
    match &input {
        BatchInput::Dense(x) => {
            assert_eq!(shape_of(&ex), x.shape());
            assert!(text.contains("dtype=torch.float32)"));
            assert!(values
                .iter()
                .zip(x.iter())
                .all(|(a, &b)| *a == f64::from(b)));
        }
        BatchInput::Tokens(t) => {
            assert_eq!(shape_of(&ex), t.shape());
            assert!(text.contains("dtype=torch.long)"));
            assert!(values.iter().zip(t.iter()).all(|(a, &b)| *a == b as f64));
        }
    }
    let out: Value = serde_json::from_str(assignment(text, "APP_OUTPUT")).unwrap();
    assert_eq!(shape_of(&out), expected.shape());
    let mut values = Vec::new();
    flat(&out, &mut values);
    assert_eq!(values.len(), expected.len());
    assert!(values
        .iter()
        .zip(expected.iter())
        .all(|(a, &b)| *a as f32 == b && *a == f64::from(b)));
}

/// The sessions exported in the tests (and run in PyTorch when it is there): the course's
/// char LSTM (per-step, summed MSE), an MNIST GRU (last step, cross-entropy), a bidirectional
/// 2-layer LSTM with the flatten head on MNIST, a time-series model with the flatten head and
/// sigmoid, and review models with an embedding and input dropout (BCE), one with truncation.
fn export_sessions() -> Vec<(&'static str, Session)> {
    let trained = |mut s: Session, updates: usize| {
        for _ in 0..updates {
            s.step().unwrap();
        }
        s
    };
    vec![
        (
            "char LSTM, per step, summed MSE",
            trained(preset_session("char-course-lstm"), 30),
        ),
        (
            "MNIST GRU 64, last step, cross-entropy",
            trained(
                session(
                    "mnist-course-gru",
                    |m| NetworkConfig {
                        cell: CellKind::Gru,
                        hidden_size: 64,
                        num_layers: 1,
                        ..m
                    },
                    |st| TrainSettings {
                        batch_size: 50,
                        ..st
                    },
                    |o| o,
                ),
                5,
            ),
        ),
        (
            "MNIST BiLSTM 2 layers, flatten head",
            trained(
                session(
                    "mnist-course-gru",
                    |m| NetworkConfig {
                        cell: CellKind::Lstm,
                        hidden_size: 16,
                        num_layers: 2,
                        bidirectional: true,
                        head: Head::Flatten,
                        ..m
                    },
                    |st| TrainSettings {
                        batch_size: 50,
                        dropout: 0.2,
                        ..st
                    },
                    |o| o,
                ),
                5,
            ),
        ),
        (
            "series RNN 2 layers, flatten head, sigmoid",
            trained(
                session(
                    "series-course-rnn",
                    |m| m,
                    |st| st,
                    |o| match o {
                        LessonOptions::TimeSeries(so) => LessonOptions::TimeSeries(SeriesOptions {
                            sigmoid: true,
                            ..so
                        }),
                        o => o,
                    },
                ),
                20,
            ),
        ),
        (
            "reviews Embedding + LSTM, input dropout, BCE",
            trained(preset_session("sentiment-course-lstm-dropout"), 5),
        ),
        (
            "reviews Embedding + GRU 2 layers, truncated BPTT 20",
            trained(
                session(
                    "sentiment-fast-lstm",
                    |m| NetworkConfig {
                        cell: CellKind::Gru,
                        num_layers: 2,
                        ..m
                    },
                    |st| TrainSettings {
                        truncate: Some(20),
                        input_dropout: 0.2,
                        ..st
                    },
                    |o| o,
                ),
                5,
            ),
        ),
    ]
}

#[test]
fn the_export_defines_the_class_and_embeds_the_weights_the_example_and_the_app_s_output() {
    let char_session = Session::new(
        LessonOptions::CharModel(Default::default())
            .prepare(&Corpus::CharModel(()))
            .unwrap(),
        preset("char-course-lstm").unwrap().model,
        TrainSettings::default(),
        1,
    )
    .unwrap();
    check_script(&char_session, &pytorch_export(&char_session).unwrap());
    for (what, s) in export_sessions() {
        let script = pytorch_export(&s).unwrap();
        check_script(&s, &script);
        assert!(
            s.model().sigmoid_output == script.text.contains("torch.sigmoid(y)"),
            "{what}"
        );
    }
}

#[test]
fn file_names_carry_the_lesson_cell_hidden_size_layers_and_direction() {
    let base = NetworkConfig {
        cell: CellKind::Lstm,
        hidden_size: 13,
        ..preset("char-course-lstm").unwrap().model
    };
    assert_eq!(
        file_stem(LessonId::CharModel, &base),
        "rnn_playground_char_lstm_h13"
    );
    let deep = NetworkConfig {
        cell: CellKind::Gru,
        hidden_size: 64,
        num_layers: 2,
        bidirectional: true,
        ..base.clone()
    };
    assert_eq!(
        file_stem(LessonId::MnistRows, &deep),
        "rnn_playground_mnist_gru_h64_l2_bi"
    );
    assert_eq!(
        model_file_name(
            LessonId::TimeSeries,
            &NetworkConfig {
                cell: CellKind::Rnn,
                ..base
            }
        ),
        "rnn_playground_series_rnn_h13.json"
    );
    for (_, s) in export_sessions() {
        let name = pytorch_export(&s).unwrap().name;
        assert!(
            name.starts_with(&format!("rnn_playground_{}_", s.lesson().key())),
            "{name}"
        );
        assert!(
            name.contains(&format!("_h{}", s.model().hidden_size)),
            "{name}"
        );
        assert_eq!(name.ends_with("_bi.py"), s.model().bidirectional, "{name}");
    }
}

/// A `torch` that only lets a script be read (every name is an empty class), so the parts of an
/// exported script that need no arithmetic run without PyTorch.
fn stub_torch(dir: &Path) {
    let any = "def __getattr__(name):\n    return type(name, (), {})\n";
    std::fs::create_dir_all(dir.join("torch/nn")).unwrap();
    std::fs::write(dir.join("torch/__init__.py"), any).unwrap();
    std::fs::write(dir.join("torch/nn/__init__.py"), any).unwrap();
}

#[test]
fn the_suggested_import_works_whatever_the_browser_named_the_file() {
    let Ok(python) = Command::new("python3").arg("--version").output() else {
        eprintln!("python3 is not installed: the import is not tried");
        return;
    };
    assert!(python.status.success());
    for (i, (what, s)) in export_sessions().into_iter().enumerate().take(4) {
        let script = pytorch_export(&s).unwrap();
        let dir = scratch_dir(&format!("renamed_export_{i}"));
        stub_torch(&dir);
        // What a browser makes of a second download of the same name.
        let renamed = script.name.replace(".py", " (1).py");
        std::fs::write(dir.join(&renamed), &script.text).unwrap();
        let loader = format!(
            "import runpy\nns = runpy.run_path({renamed:?})\nassert callable(ns['load_model'])\nprint('loaded', ns['RTOL'], ns['ATOL'])\n"
        );
        let out = run_python("python3", &dir, "use_it.py", &loader);
        assert_eq!(
            out.trim(),
            format!("loaded {RTOL:e} {ATOL:e}").replace("e-5", "e-05"),
            "{what}"
        );
    }
}

// ---- In PyTorch, when it is installed -------------------------------------------------------

/// The Python with PyTorch named by `PYTORCH_PYTHON`, if any. Without it the test says in
/// the test output that `what` was skipped: written to stderr itself, since the test
/// harness keeps a passing test's `eprintln!` to itself.
fn torch_python(what: &str) -> Option<String> {
    let python = std::env::var("PYTORCH_PYTHON")
        .ok()
        .filter(|p| !p.is_empty());
    if python.is_none() {
        use std::io::Write;
        let _ = writeln!(
            std::io::stderr(),
            "skipped: {what} (PYTORCH_PYTHON is not set to a Python with PyTorch)"
        );
    }
    python
}

fn run_python(python: &str, dir: &Path, file: &str, text: &str) -> String {
    std::fs::create_dir_all(dir).unwrap();
    let path = dir.join(file);
    std::fs::write(&path, text).unwrap();
    let out = Command::new(python)
        .arg(&path)
        .current_dir(dir)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(
        out.status.success(),
        "{} failed:\n{stdout}\n{}",
        path.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}

fn scratch_dir(name: &str) -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join(name)
}

#[test]
fn the_exported_scripts_reproduce_the_app_in_pytorch() {
    let Some(python) = torch_python("the exported scripts are not run in PyTorch") else {
        return;
    };
    for (i, (what, s)) in export_sessions().into_iter().enumerate() {
        let script = pytorch_export(&s).unwrap();
        let dir = scratch_dir(&format!("pytorch_export_{i}"));
        let out = run_python(&python, &dir, &script.name, &script.text);
        eprintln!("{what}: {}", out.trim().replace('\n', " "));
        assert!(out.trim_end().ends_with("OK"), "{what}: {out}");
    }
}

fn nested_json(shape: &[usize], values: &[Value]) -> Value {
    match shape.split_first() {
        None => values[0].clone(),
        Some((&n, rest)) => {
            let step = values.len() / n;
            Value::Array(
                (0..n)
                    .map(|i| nested_json(rest, &values[i * step..(i + 1) * step]))
                    .collect(),
            )
        }
    }
}

/// The panel's code run in PyTorch for `epochs` epochs from the app's initial weights on the
/// lesson's training examples (in order, no dropout), against the app's weights after the same
/// epochs.
/// The shipped MNIST slice as the IDX files torchvision's `MNIST(root='./data')` finds
/// already downloaded (so the panel's code runs here without the network, on the same digits).
fn shipped_mnist_as_torchvision_raw(raw: &Path) {
    std::fs::create_dir_all(raw).unwrap();
    let mnist = assets().join("mnist");
    for (shipped, idx, magic) in [
        ("train12k-images.u8.gz", "train-images-idx3-ubyte", 0x803u32),
        ("train12k-labels.u8.gz", "train-labels-idx1-ubyte", 0x801),
        ("test2k-images.u8.gz", "t10k-images-idx3-ubyte", 0x803),
        ("test2k-labels.u8.gz", "t10k-labels-idx1-ubyte", 0x801),
    ] {
        let gz = std::fs::read(mnist.join(shipped)).unwrap();
        let bytes = rnn_playground::data::mnist::maybe_gunzip(&gz, "mnist").unwrap();
        let mut out = magic.to_be_bytes().to_vec();
        if magic == 0x803 {
            for d in [bytes.len() / 784, 28, 28] {
                out.extend((d as u32).to_be_bytes());
            }
        } else {
            out.extend((bytes.len() as u32).to_be_bytes());
        }
        out.extend_from_slice(&bytes);
        std::fs::write(raw.join(idx), out).unwrap();
    }
}

fn check_training(python: &str, name: &str, mut s: Session, epochs: u64) {
    let n = s.data().train_len();
    let all: Vec<usize> = (0..n).collect();
    let batch = s.data().train_batch(&all).unwrap();
    let (x, x_dtype) = match &batch.input {
        BatchInput::Dense(x) => (
            nested_json(
                x.shape(),
                &x.iter()
                    .map(|&v| Value::from(f64::from(v)))
                    .collect::<Vec<_>>(),
            ),
            "torch.float32",
        ),
        BatchInput::Tokens(t) => (
            nested_json(
                t.shape(),
                &t.iter().map(|&v| Value::from(v as u64)).collect::<Vec<_>>(),
            ),
            "torch.long",
        ),
    };
    let (y, y_dtype) = match &batch.target {
        Target::Dense(y) => (
            nested_json(
                y.shape(),
                &y.iter()
                    .map(|&v| Value::from(f64::from(v)))
                    .collect::<Vec<_>>(),
            ),
            "torch.float32",
        ),
        Target::Classes(c) => (
            nested_json(
                c.shape(),
                &c.iter().map(|&v| Value::from(v as u64)).collect::<Vec<_>>(),
            ),
            "torch.long",
        ),
    };
    let initial = s.export_model();
    for _ in 0..epochs {
        s.run_epoch().unwrap();
    }
    let trained = s.export_model();
    let code = codes(&s).0;
    let class = class_name(s.model());
    let code = code
        .lines()
        .map(|l| {
            if l.starts_with("epochs = ") {
                format!("epochs = {epochs}")
            } else if l == format!("model = {class}()") {
                format!("{l}\nmodel.load_state_dict({{k: torch.tensor(v) for k, v in json.loads(INITIAL)['state_dict'].items()}}, strict=True)")
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    let script = format!(
        r#"import json
import torch
torch.manual_seed(0)
INITIAL = r'''{initial}'''
TRAINED = r'''{trained}'''
train_dataset = torch.utils.data.TensorDataset(
    torch.tensor(json.loads('{x}'), dtype={x_dtype}),
    torch.tensor(json.loads('{y}'), dtype={y_dtype}),
)

{code}

app = json.loads(TRAINED)['state_dict']
diff = max((p - torch.tensor(app[k])).abs().max().item() for k, p in model.state_dict().items())
print(f'max |PyTorch - app| after training = {{diff:.3g}}')
assert diff < 2e-5, diff
print('OK')
"#
    );
    // The files the page offers beside the code, where a student saves them.
    let dir = scratch_dir("pytorch_training");
    std::fs::create_dir_all(&dir).unwrap();
    if let Some(data) = data_code(&s.options(), s.model(), false, None) {
        for f in &data.files {
            save_offered(f, &dir);
        }
        if data.uses_torchvision() {
            shipped_mnist_as_torchvision_raw(&dir.join("data/MNIST/raw"));
        }
    }
    let out = run_python(python, &dir, &format!("{name}.py"), &script);
    eprintln!(
        "{name}: {}",
        out.lines()
            .rev()
            .take(2)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect::<Vec<_>>()
            .join(" ")
    );
    assert!(out.trim_end().ends_with("OK"), "{name}: {out}");
}

#[test]
fn the_panel_s_training_loop_reproduces_the_app_s_updates_in_pytorch() {
    let Some(python) = torch_python("the code panel's training loops are not run in PyTorch")
    else {
        return;
    };
    let no_dropout = |st: TrainSettings| TrainSettings {
        dropout: 0.0,
        input_dropout: 0.0,
        shuffle: false,
        early_stopping: None,
        ..st
    };
    // The course's char LSTM: summed MSE, Adam, one window per epoch.
    check_training(
        &python,
        "char_lstm_mse_sum",
        session("char-course-lstm", |m| m, no_dropout, |o| o),
        5,
    );
    // Cross-entropy per step with clipping, SGD with Nesterov momentum and weight decay, an
    // embedding, windows of 16 steps, truncated BPTT 5.
    check_training(
        &python,
        "char_gru_ce_clip_truncate",
        session(
            "char-own-text-gru",
            |m| m,
            |st| TrainSettings {
                truncate: Some(5),
                clip_grad_norm: Some(0.5),
                optimizer: rnn_playground::optim::OptimizerConfig::Sgd(
                    rnn_playground::optim::SgdConfig {
                        lr: 0.5,
                        momentum: 0.5,
                        weight_decay: 1e-3,
                        nesterov: true,
                        ..Default::default()
                    },
                ),
                ..no_dropout(st)
            },
            |o| match o {
                LessonOptions::CharModel(c) => {
                    LessonOptions::CharModel(rnn_playground::lessons::CharOptions {
                        window: Some(16),
                        ..c
                    })
                }
                o => o,
            },
        ),
        2,
    );
    // The course's series RNN: 2 layers, flatten head, MSE, batches of 20, with lr decay.
    check_training(
        &python,
        "series_rnn_flatten_lr_decay",
        session(
            "series-course-rnn",
            |m| m,
            |st| TrainSettings {
                lr_decay: Some(rnn_playground::train::StepDecay {
                    every_epochs: 1,
                    gamma: 0.5,
                }),
                ..no_dropout(st)
            },
            |o| o,
        ),
        3,
    );
    // Reviews: embedding, LSTM, BCE, RMSprop as in the course (a few hundred reviews). (RMSprop's
    // first steps divide by √((1-α)g²): float noise in tiny gradients grows there, so the
    // bit-level agreement is checked with its α = 0.9.)
    check_training(
        &python,
        "reviews_embedding_lstm_bce",
        session(
            "sentiment-course-lstm-dropout",
            |m| m,
            |st| TrainSettings {
                optimizer: rnn_playground::optim::OptimizerConfig::RmsProp(
                    rnn_playground::optim::RmsPropConfig {
                        lr: 1e-3,
                        alpha: 0.9,
                        eps: 1e-7,
                        ..Default::default()
                    },
                ),
                ..no_dropout(st)
            },
            |o| match o {
                LessonOptions::Sentiment(so) => {
                    LessonOptions::Sentiment(rnn_playground::lessons::sentiment::SentimentOptions {
                        train_limit: Some(300),
                        ..so
                    })
                }
                o => o,
            },
        ),
        1,
    );
    // MNIST through torchvision as tutorial 01, cut as the app cuts it: the first 200 training
    // digits, the last 40 of them held out, standardised pixels; a GRU with Adam.
    check_training(
        &python,
        "mnist_gru_validation_standardised",
        session(
            "mnist-fast-gru",
            |m| m,
            |st| TrainSettings {
                lr_decay: None,
                ..no_dropout(st)
            },
            |o| match o {
                LessonOptions::MnistRows(mo) => LessonOptions::MnistRows(MnistOptions {
                    train_limit: Some(200),
                    validation: 40,
                    scaling: PixelScaling::Standardized,
                    ..mo
                }),
                o => o,
            },
        ),
        1,
    );
}

/// README's snippet that writes a model trained in PyTorch as the app's JSON (the Python code
/// block that ends in `json.dump({"config": config, "state_dict": state_dict}, f)`).
fn readme_snippet() -> String {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    readme
        .split("```python\n")
        .skip(1)
        .filter_map(|b| b.split("```").next())
        .find(|b| b.contains(r#"json.dump({"config": config, "state_dict": state_dict}, f)"#))
        .expect("README has the PyTorch-to-app snippet")
        .to_string()
}

#[test]
fn a_model_written_by_the_readme_snippet_imports_and_computes_pytorch_s_output() {
    let snippet = readme_snippet();
    assert!(snippet.contains(r#""cell": "lstm""#) && snippet.contains(r#""head": "per_step""#));
    let Some(python) = torch_python("the README's model-file snippet is not run in PyTorch") else {
        return;
    };
    // The course's char LSTM, built and initialised by PyTorch itself.
    let s = preset_session("char-course-lstm");
    let cfg = s.model().clone();
    let script = format!(
        r#"import torch
import torch.nn as nn


{class}

torch.manual_seed(0)
model = {name}()
{snippet}
x = torch.rand(2, 9, {inputs})
with torch.no_grad():
    y = model(x)
with open("io.json", "w") as f:
    json.dump({{"x": x.tolist(), "y": y.tolist()}}, f)
print("written")
"#,
        class = pytorch_class(&cfg, None),
        name = class_name(&cfg),
        inputs = cfg.input_size,
    );
    let dir = scratch_dir("pytorch_readme");
    run_python(&python, &dir, "to_app.py", &script);
    let text = std::fs::read_to_string(dir.join("model.json")).unwrap();
    let file = rnn_playground::nn::ModelFile::<f32>::parse(&text).unwrap();
    assert_eq!(file.config, cfg);
    let io: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("io.json")).unwrap()).unwrap();
    let mut x = Vec::new();
    flat(&io["x"], &mut x);
    let x = ndarray::Array3::from_shape_vec(
        (2, 9, cfg.input_size),
        x.into_iter().map(|v| v as f32).collect(),
    )
    .unwrap();
    let (out, _) = file
        .network
        .forward(
            rnn_playground::nn::Input::Dense(x.view()),
            None,
            Default::default(),
        )
        .unwrap();
    let mut y = Vec::new();
    flat(&io["y"], &mut y);
    let diff = y
        .iter()
        .zip(out.head_output.iter())
        .map(|(a, &b)| (a - f64::from(b)).abs())
        .fold(0.0, f64::max);
    eprintln!("README snippet: max |app - PyTorch| = {diff:.2e}");
    assert!(diff < 1e-5, "{diff}");
    // And the open session takes it.
    let mut s = s;
    s.import_model(&text).unwrap();
}

#[test]
fn the_code_runs_as_many_epochs_as_the_run_and_says_when_the_app_trains_until_paused() {
    for id in ["char-course-rnn", "mnist-course-rnn", "series-course-rnn"] {
        let s = preset_session(id);
        let (code, _) = codes(&s);
        let epochs = rnn_playground::lessons::preset(id).unwrap().settings.epochs;
        assert!(code.contains(&format!("\nepochs = {epochs}\n")), "{id}");
    }
    let s = session(
        "char-course-rnn",
        |m| m,
        |s| TrainSettings {
            until_paused: true,
            ..s
        },
        |o| o,
    );
    let (code, _) = codes(&s);
    assert!(code.contains("epochs = 1000  # the app trains until paused"));
}

// ---- A layer and a loop over its cell (tutorial 03) -----------------------------------------

/// Every cell, one and two layers, both directions, every head, one-hot and embedding inputs,
/// the RNN's relu, no bias: the model as a layer and as a loop over its cell.
fn cell_loop_sweep() -> Vec<(String, String)> {
    let mut out = Vec::new();
    let settings = TrainSettings::default();
    for cell in CellKind::ALL {
        for (layers, bidirectional) in [(1, false), (2, false), (1, true), (2, true)] {
            for head in [Head::PerStep, Head::LastStep, Head::Flatten] {
                let embedding = layers == 2 && head == Head::LastStep;
                let relu = cell == CellKind::Rnn && bidirectional && layers == 1;
                let model = NetworkConfig {
                    cell,
                    input_size: 5,
                    hidden_size: 7,
                    num_layers: layers,
                    bidirectional,
                    head,
                    output_size: 3,
                    seq_len: (head == Head::Flatten || embedding).then_some(6),
                    vocab_size: embedding.then_some(11),
                    nonlinearity: if relu {
                        Nonlinearity::Relu
                    } else {
                        Nonlinearity::Tanh
                    },
                    bias: !(layers == 2 && bidirectional && head == Head::PerStep),
                    sigmoid_output: head == Head::Flatten && cell == CellKind::Gru,
                    dropout: if layers == 2 { 0.3 } else { 0.0 },
                    ..NetworkConfig::default()
                };
                let options = LessonOptions::CharModel(Default::default());
                let spec = CodeSpec {
                    options: &options,
                    model: &model,
                    settings: &settings,
                    loss: Loss::MseMean,
                    corpus: None,
                };
                let name = format!(
                    "{}_l{layers}{}_{head:?}{}{}{}",
                    cell.key(),
                    if bidirectional { "_bi" } else { "" },
                    if embedding { "_emb" } else { "" },
                    if relu { "_relu" } else { "" },
                    if model.bias { "" } else { "_nobias" },
                );
                out.push((name, cell_loop_code(&spec)));
            }
        }
    }
    out
}

#[test]
fn the_cell_loop_reuses_the_layer_s_tensors_for_every_layer_and_direction() {
    let sweep = cell_loop_sweep();
    assert_eq!(sweep.len(), 36);
    for (name, code) in &sweep {
        let cell = name.split('_').next().unwrap();
        let torch = CellKind::ALL
            .into_iter()
            .find(|c| c.key() == cell)
            .unwrap()
            .torch_name();
        assert!(code.contains(&format!("cell = nn.{torch}Cell(")), "{name}");
        assert!(
            code.contains("cell.weight_hh = getattr(model.rnn, f'weight_hh_l{layer}{suffix}')"),
            "{name}"
        );
        assert_eq!(
            code.contains("cell.bias_ih"),
            !name.ends_with("_nobias"),
            "{name}"
        );
        assert_eq!(code.contains("'_reverse'"), name.contains("_bi"), "{name}");
        assert_eq!(
            code.contains("nonlinearity='relu'"),
            name.contains("_relu"),
            "{name}"
        );
        assert!(code.contains("assert torch.allclose(layer, loop"), "{name}");
    }
    let Some(python) = torch_python("the cell loops in PyTorch") else {
        return;
    };
    // One Python for the whole sweep: each code runs in its own namespace.
    let mut runner = String::from("import json\nCODES = json.load(open('codes.json'))\n");
    runner.push_str(
        "for name, code in CODES:\n    print(name, end=': ', flush=True)\n    exec(code, {'__name__': name})\nprint('OK')\n",
    );
    let dir = scratch_dir("cell_loops");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("codes.json"),
        serde_json::to_string(&sweep).unwrap(),
    )
    .unwrap();
    let out = run_python(&python, &dir, "run_cell_loops.py", &runner);
    eprintln!("{out}");
    assert_eq!(
        out.matches("largest difference").count(),
        sweep.len(),
        "{out}"
    );
    assert!(out.trim_end().ends_with("OK"), "{out}");
}

/// The course's hand-written cell (tutorial 01): the panel shows the course's class as written
/// (`i2h`, `i2o` on `torch.cat((input, hidden), 1)`, the output from the previous hidden state),
/// its loop over the steps and its test loop that feeds the raw output back; the export
/// converts the app's names with `from_app`. With PyTorch: the panel's code, run as shown (its
/// data, its loop), trains to the app's weights, its generation is the app's, and the exported
/// script reproduces the app's output.
#[test]
fn the_course_cell_s_code_is_tutorial_01_s_and_trains_and_generates_as_the_app() {
    let s = preset_session("char-course-cell");
    assert_eq!(s.model().cell, CellKind::Course);
    let code = codes(&s).0;
    for line in [
        "class RNN(nn.Module):",
        "    def __init__(self, input_size, hidden_size, output_size):",
        "        self.i2h = nn.Linear(input_size + hidden_size, hidden_size)  # one weight [H, I+H], one bias",
        "        self.i2o = nn.Linear(input_size + hidden_size, output_size)",
        "        combined = torch.cat((input, hidden), 1)  # [batch, I+H]: x_t beside h_{t-1}",
        "        hidden = self.act_fn(self.i2h(combined))  # h_t = tanh(i2h(combined))",
        "        output = self.i2o(combined)  # from x_t and h_{t-1}: not from h_t",
        "rnn = RNN(35, 35, 35)",
        "loss_func = nn.MSELoss()",
        "optimizer = torch.optim.Adam(rnn.parameters(), lr=0.01)",
        "epochs = 1000",
        "            output, hidden = rnn.forward(x[:, j, :], hidden)",
        "        input_ = output",
    ] {
        assert!(code.lines().any(|l| l == line), "missing: {line}\n{code}");
    }
    for absent in ["nn.RNN(", "nn.LSTM", "self.fc", "self.rnn", "bias_hh"] {
        assert!(!code.contains(absent), "{absent}");
    }
    // The cell-loop tab of the course's cell is the same code (it is a loop already).
    let options = s.options();
    let spec = CodeSpec {
        options: &options,
        model: s.model(),
        settings: s.settings(),
        loss: s.options().loss(),
        corpus: None,
    };
    assert_eq!(cell_loop_code(&spec), code);
    let script = pytorch_export(&s).unwrap();
    assert_eq!(script.name, "rnn_playground_char_course_h35.py");
    assert!(script.text.contains("    model = RNN(35, 35, 35)\n"));
    assert!(script
        .text
        .contains("    model.load_state_dict(from_app(state_dict), strict=True)\n"));
    assert!(script.text.contains("        y = run(model, x)\n"));

    let Some(python) = torch_python("the course's cell's code is not run in PyTorch") else {
        return;
    };
    // Training: the panel's code as shown, from the app's initial weights, 20 epochs.
    let mut s = preset_session("char-course-cell");
    let initial = s.export_model();
    let epochs = 20;
    for _ in 0..epochs {
        s.run_epoch().unwrap();
    }
    let trained = s.export_model();
    let data = s
        .lesson_data::<rnn_playground::lessons::CharData>()
        .unwrap();
    let generated = data
        .generate(
            s.network(),
            &rnn_playground::lessons::char_model::GenerateOptions {
                max_len: data.text.text().chars().count(),
                ..Default::default()
            },
        )
        .unwrap();
    let code = code
        .lines()
        .map(|l| match l {
            "epochs = 1000" => format!("epochs = {epochs}"),
            "rnn = RNN(35, 35, 35)" => format!("{l}\nrnn.load_state_dict(from_app({{k: torch.tensor(v) for k, v in json.loads(INITIAL)['state_dict'].items()}}), strict=True)"),
            _ => l.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n");
    let script_text = format!(
        r#"import json
import torch
INITIAL = r'''{initial}'''
TRAINED = r'''{trained}'''

{code}

app = from_app({{k: torch.tensor(v) for k, v in json.loads(TRAINED)['state_dict'].items()}})
diff = max((p - app[k]).abs().max().item() for k, p in rnn.state_dict().items())
print(f'max |PyTorch - app| after training = {{diff:.3g}}')
assert diff < 2e-5, diff
print('GENERATED ' + json.dumps(output_string))
print('OK')
"#
    );
    let dir = scratch_dir("course_cell");
    let out = run_python(&python, &dir, "course_cell.py", &script_text);
    eprintln!("{}", out.trim().replace('\n', " | "));
    assert!(out.trim_end().ends_with("OK"), "{out}");
    let line = out.lines().find(|l| l.starts_with("GENERATED ")).unwrap();
    let torch_text: String = serde_json::from_str(&line["GENERATED ".len()..]).unwrap();
    // The app stops at the end token; the course's loop runs on (the end token adds nothing).
    assert!(
        torch_text.starts_with(&generated.text),
        "app {:?}, PyTorch {torch_text:?}",
        generated.text
    );
    if !generated.ended {
        assert_eq!(torch_text, generated.text);
    }
    // The export: PyTorch's run of tutorial 01's loop on the app's weights gives its output.
    let script = pytorch_export(&s).unwrap();
    let out = run_python(&python, &dir, &script.name, &script.text);
    eprintln!("course cell export: {}", out.trim().replace('\n', " "));
    assert!(out.trim_end().ends_with("OK"), "{out}");
}
