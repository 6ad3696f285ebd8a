//! The MNIST lesson's data in Python, for the code panel: torchvision's MNIST as tutorial 01
//! downloads it, cut and scaled as the app cuts and scales its digits.

use std::fmt::Write as _;

use super::{CorpusSize, MnistOptions};
use crate::data::mnist::{PixelScaling, MEAN, STD};
use crate::ui::code::data::{DataCode, TORCHVISION};
use crate::ui::code::py_float;

/// The shipped MNIST slice: the first 12,000 training and 2,000 test digits.
const SHIPPED: CorpusSize = CorpusSize {
    train: 12_000,
    test: 2_000,
};

/// torchvision's MNIST: 60,000 training and 10,000 test digits.
const FULL: CorpusSize = CorpusSize {
    train: 60_000,
    test: 10_000,
};

/// Tutorial 01's torchvision MNIST, cut as the app cuts its digits: the digits of `corpus` (the
/// shipped slice when unknown; the full set when a teacher loaded it).
pub(super) fn mnist_code(
    o: &MnistOptions,
    validation: bool,
    corpus: Option<CorpusSize>,
) -> DataCode {
    let corpus = corpus.unwrap_or(SHIPPED);
    let train = o.train_limit.unwrap_or(corpus.train).min(corpus.train);
    let test = o.test_limit.unwrap_or(corpus.test).min(corpus.test);
    let fit = train.saturating_sub(o.validation);
    let what = if corpus == FULL {
        "the full set loaded from disk"
    } else if corpus == SHIPPED {
        "the app's built-in slice"
    } else {
        "the files loaded from disk"
    };
    let mut t = String::new();
    let _ = writeln!(
        t,
        "# The data, as the app uses it: MNIST as tutorial 01 downloads it, the first {train} training"
    );
    let _ = writeln!(
        t,
        "# and {test} test digits ({what}), each read as 28 rows of 28 pixels."
    );
    let _ = writeln!(
        t,
        "mnist_train = torchvision.datasets.MNIST(root='./data', train=True, download=True)"
    );
    let _ = writeln!(
        t,
        "mnist_test = torchvision.datasets.MNIST(root='./data', train=False, download=True)"
    );
    let _ = writeln!(t);
    let _ = writeln!(t);
    let _ = writeln!(t, "def rows(images):  # [digits, 28, 28] bytes -> floats");
    match o.scaling {
        PixelScaling::Unit => {
            let _ = writeln!(
                t,
                "    return images.float() / 255  # in [0, 1], as transforms.ToTensor()"
            );
        }
        PixelScaling::Standardized => {
            let _ = writeln!(
                t,
                "    return (images.float() / 255 - {}) / {}  # as ToTensor() then Normalize(({},), ({},))",
                py_float(MEAN),
                py_float(STD),
                py_float(MEAN),
                py_float(STD)
            );
        }
    }
    let _ = writeln!(t);
    let _ = writeln!(t);
    let _ = writeln!(
        t,
        "train_dataset = torch.utils.data.TensorDataset(rows(mnist_train.data[:{fit}]), mnist_train.targets[:{fit}])"
    );
    let _ = writeln!(
        t,
        "test_dataset = torch.utils.data.TensorDataset(rows(mnist_test.data[:{test}]), mnist_test.targets[:{test}])"
    );
    if validation && o.validation > 0 {
        let _ = writeln!(
            t,
            "# validation: the last {} of the {train} training digits",
            o.validation
        );
        let _ = writeln!(
            t,
            "val_dataset = torch.utils.data.TensorDataset(rows(mnist_train.data[{fit}:{train}]), mnist_train.targets[{fit}:{train}])"
        );
    } else if validation {
        let _ = writeln!(
            t,
            "val_dataset = test_dataset  # no validation digits: the app watches the test digits"
        );
    }
    DataCode {
        std_imports: Vec::new(),
        torch_imports: vec![TORCHVISION],
        lists: String::new(),
        tensors: t,
        files: Vec::new(),
        has_test: true,
        validation_held_out: o.validation > 0,
        example_noun: "test digits",
        exact: corpus == SHIPPED || corpus == FULL,
        reads_own_files: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_code_slices_the_corpus_the_model_trains_on() {
        let o = MnistOptions::default();
        let shipped = mnist_code(&o, false, None).tensors;
        assert!(shipped.contains("mnist_train.data[:12000]"), "{shipped}");
        assert!(shipped.contains("mnist_test.data[:2000]"), "{shipped}");
        assert!(shipped.contains("the app's built-in slice"), "{shipped}");

        let full = mnist_code(&o, false, Some(FULL));
        assert!(
            full.tensors.contains("mnist_train.data[:60000]"),
            "{}",
            full.tensors
        );
        assert!(
            full.tensors.contains("mnist_test.data[:10000]"),
            "{}",
            full.tensors
        );
        assert!(full.tensors.contains("the full set loaded from disk"));
        assert!(full.exact);

        let limited = MnistOptions {
            train_limit: Some(30_000),
            validation: 5_000,
            ..o
        };
        let t = mnist_code(&limited, true, Some(FULL)).tensors;
        assert!(t.contains("mnist_train.data[:25000]"), "{t}");
        assert!(t.contains("mnist_train.data[25000:30000]"), "{t}");

        let other = CorpusSize {
            train: 5_000,
            test: 1_000,
        };
        let own = mnist_code(&o, false, Some(other));
        assert!(own.tensors.contains("mnist_train.data[:5000]"));
        assert!(
            !own.exact,
            "torchvision's digits need not be the files loaded"
        );
    }
}
