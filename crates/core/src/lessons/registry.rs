//! The `lessons!` macro: from one line per lesson, the enums the page and the worker exchange
//! ([`LessonId`](super::LessonId), [`LessonOptions`](super::LessonOptions),
//! [`Corpus`](super::Corpus), [`ViewRequest`](super::ViewRequest), [`View`](super::View),
//! [`InspectionDetail`](super::InspectionDetail)) and the type-erased
//! [`LessonData`](super::LessonData) of every lesson. The invocation is in `lessons/mod.rs`.

/// `lessons! { Variant: path::Type = "key", … }`: see the module docs.
macro_rules! lessons {
    ($($(#[$doc:meta])* $id:ident: $ty:ty = $key:literal,)+) => {
        /// The lessons the app offers, in the order of the lesson picker.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum LessonId {
            $($(#[$doc])* $id,)+
        }

        impl LessonId {
            /// Every lesson, in picker order.
            pub const ALL: &'static [LessonId] = &[$(LessonId::$id),+];

            /// A stable, URL-safe key (used in links, saved settings and file names).
            pub fn key(self) -> &'static str {
                match self { $(LessonId::$id => $key,)+ }
            }

            /// Parses [`LessonId::key`]; unknown keys give `None` so a bad link falls back to a
            /// default.
            pub fn from_key(key: &str) -> Option<LessonId> {
                LessonId::ALL.iter().copied().find(|l| l.key() == key)
            }

            /// Title, names and what the page shows.
            pub fn info(self) -> LessonInfo {
                match self { $(LessonId::$id => <$ty as Lesson>::info(),)+ }
            }

            /// The lesson's presets, the course's first.
            pub fn presets(self) -> Vec<Preset> {
                match self { $(LessonId::$id => <$ty as Lesson>::presets(),)+ }
            }

            /// The lesson's guided tour.
            pub fn tour(self) -> Vec<crate::ui::tour::TourStep> {
                match self { $(LessonId::$id => <$ty as Lesson>::tour(),)+ }
            }

            /// How long sequences are cut into windows (see `Lesson::auto_window`).
            pub fn auto_window(self) -> Option<lesson::AutoWindow> {
                match self { $(LessonId::$id => <$ty as Lesson>::auto_window(),)+ }
            }

            /// The lesson's default options.
            pub fn default_options(self) -> LessonOptions {
                match self {
                    $(LessonId::$id => LessonOptions::$id(Default::default()),)+
                }
            }

            /// Shipped files its corpus is parsed from (relative to the app's folder).
            pub fn corpus_files(self) -> &'static [&'static str] {
                match self { $(LessonId::$id => <$ty as Lesson>::corpus_files(),)+ }
            }

            /// Parses the corpus from shipped files or files loaded by the user.
            pub fn parse_corpus(self, files: &[DataFile]) -> Result<Corpus, DataError> {
                Ok(match self {
                    $(LessonId::$id => Corpus::$id(<$ty as Lesson>::parse_corpus(files)?),)+
                })
            }
        }

        /// A lesson's options without its bulk data (what a preset, a link and a saved session
        /// store), tagged with the lesson's key.
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
        #[serde(tag = "lesson")]
        pub enum LessonOptions {
            $(#[serde(rename = $key)] $id(<$ty as Lesson>::Options),)+
        }

        impl LessonOptions {
            /// Which lesson.
            pub fn lesson(&self) -> LessonId {
                match self { $(LessonOptions::$id(_) => LessonId::$id,)+ }
            }

            /// The loss these options train with (see `Lesson::loss`).
            pub fn loss(&self) -> Loss {
                match self { $(LessonOptions::$id(o) => <$ty as Lesson>::loss(o),)+ }
            }

            /// Whether `model` would read the answer with these options (see `Lesson::leak`).
            pub fn leak(&self, model: &NetworkConfig) -> Option<lesson::Leak> {
                match self { $(LessonOptions::$id(o) => <$ty as Lesson>::leak(o, model),)+ }
            }

            /// The Python that builds the data (see `Lesson::python_data`).
            pub fn python_data(
                &self,
                model: &NetworkConfig,
                validation: bool,
                corpus: Option<lesson::CorpusSize>,
            ) -> Option<crate::ui::code::data::DataCode> {
                match self { $(LessonOptions::$id(o) => <$ty as Lesson>::python_data(o, model, validation, corpus),)+ }
            }

            /// Validates the options and prepares the data from the lesson's corpus.
            pub fn prepare(self, corpus: &Corpus) -> Result<Box<dyn LessonData>, TrainError> {
                match (self, corpus) {
                    $((LessonOptions::$id(o), Corpus::$id(c)) => {
                        Ok(Box::new(<$ty as Lesson>::prepare(o, c)?))
                    })+
                    (o, _) => Err(lesson::wrong_lesson(o.lesson(), "this data")),
                }
            }
        }

        /// A lesson's data read from files, parsed once (the worker keeps it).
        #[derive(Debug, Clone, PartialEq)]
        pub enum Corpus {
            $($id(<$ty as Lesson>::Corpus),)+
        }

        impl Corpus {
            /// Which lesson.
            pub fn lesson(&self) -> LessonId {
                match self { $(Corpus::$id(_) => LessonId::$id,)+ }
            }
            /// What it holds (`200 training and 30 test digits`).
            pub fn summary(&self) -> String {
                match self { $(Corpus::$id(c) => <$ty as Lesson>::corpus_summary(c),)+ }
            }
            /// Its size, where the code panel needs it (see `Lesson::corpus_size`).
            pub fn size(&self) -> Option<lesson::CorpusSize> {
                match self { $(Corpus::$id(c) => <$ty as Lesson>::corpus_size(c),)+ }
            }
        }

        /// What a lesson view asks the worker for.
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
        pub enum ViewRequest {
            $($id(<$ty as Lesson>::ViewRequest),)+
        }

        /// A lesson view's answer.
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
        pub enum View {
            $($id(<$ty as Lesson>::View),)+
        }

        /// Which kind of request or answer (one of each is kept: a new digit replaces the old).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum ViewSlot {
            $($id(std::mem::Discriminant<<$ty as Lesson>::View>),)+
        }

        /// The kind of request a request is.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum RequestSlot {
            $($id(std::mem::Discriminant<<$ty as Lesson>::ViewRequest>),)+
        }

        impl ViewRequest {
            /// Which lesson.
            pub fn lesson(&self) -> LessonId {
                match self { $(ViewRequest::$id(_) => LessonId::$id,)+ }
            }
            /// Its kind.
            pub fn slot(&self) -> RequestSlot {
                match self { $(ViewRequest::$id(r) => RequestSlot::$id(std::mem::discriminant(r)),)+ }
            }
            /// When the worker recomputes it while training runs.
            pub fn refresh(&self) -> Refresh {
                match self { $(ViewRequest::$id(r) => <$ty as Lesson>::refresh(r),)+ }
            }
        }

        impl View {
            /// Which lesson.
            pub fn lesson(&self) -> LessonId {
                match self { $(View::$id(_) => LessonId::$id,)+ }
            }
            /// Its kind.
            pub fn slot(&self) -> ViewSlot {
                match self { $(View::$id(v) => ViewSlot::$id(std::mem::discriminant(v)),)+ }
            }
        }

        /// The lesson's part of an inspection.
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
        pub enum InspectionDetail {
            $($id(<$ty as Lesson>::Detail),)+
        }

        $(
        impl LessonData for $ty {
            fn id(&self) -> LessonId {
                LessonId::$id
            }
            fn options(&self) -> LessonOptions {
                LessonOptions::$id(<$ty as Lesson>::options(self))
            }
            fn fit_model(&self, model: &NetworkConfig) -> NetworkConfig {
                <$ty as Lesson>::fit_model(self, model)
            }
            fn leak(&self, model: &NetworkConfig) -> Option<lesson::Leak> {
                <$ty as Lesson>::leak(&<$ty as Lesson>::options(self), model)
            }
            fn adopt_model(&mut self, fitted: &NetworkConfig) {
                <$ty as Lesson>::adopt_model(self, fitted)
            }
            fn loss(&self) -> Loss {
                <$ty as Lesson>::loss(&<$ty as Lesson>::options(self))
            }
            fn auto_window(&self) -> Option<lesson::AutoWindow> {
                <$ty as Lesson>::auto_window()
            }
            fn train_len(&self) -> usize {
                <$ty as Lesson>::train_len(self)
            }
            fn train_batch(&self, indices: &[usize]) -> Result<Batch, TrainError> {
                <$ty as Lesson>::train_batch(self, indices)
            }
            fn evaluate(&self, net: &Network<f32>, split: Split) -> Result<Option<Metrics>, TrainError> {
                <$ty as Lesson>::evaluate(self, net, split)
            }
            fn evaluate_held_out(&self, cx: ViewContext<'_>) -> Result<HeldOut<View>, TrainError> {
                let h = <$ty as Lesson>::evaluate_held_out(self, cx)?;
                Ok(HeldOut { validation: h.validation, test: h.test, view: h.view.map(View::$id) })
            }
            fn monitor_split(&self) -> Split {
                <$ty as Lesson>::monitor_split(self)
            }
            fn picker(&self) -> ExamplePicker {
                <$ty as Lesson>::picker(self)
            }
            fn example(&self, net: &Network<f32>, example: &ExampleRef) -> Result<Example, TrainError> {
                <$ty as Lesson>::example(self, net, example)
            }
            fn detail(
                &self,
                net: &Network<f32>,
                example: &ExampleRef,
                prepared: &Example,
                out: &StepOutput<f32>,
            ) -> Result<InspectionDetail, TrainError> {
                <$ty as Lesson>::detail(self, net, example, prepared, out).map(InspectionDetail::$id)
            }
            fn view(&self, cx: ViewContext<'_>, request: &ViewRequest) -> Result<View, TrainError> {
                #[allow(unreachable_patterns)]
                match request {
                    ViewRequest::$id(r) => <$ty as Lesson>::view(self, cx, r).map(View::$id),
                    _ => Err(lesson::wrong_lesson(LessonId::$id, "this view")),
                }
            }
            fn clone_box(&self) -> Box<dyn LessonData> {
                Box::new(self.clone())
            }
            fn as_any(&self) -> &dyn std::any::Any {
                self
            }
        }
        )+
    };
}

pub(crate) use lessons;
