"""Forms of residents' voice: a comment, a survey's answers; moderation and the survey builder."""

from django import forms
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from lofte.forms import HoneypotMixin, LinkedErrorsMixin, PersonTextField, model_limit
from lofte.participation.models import (
    TEXT_LANGUAGES,
    Answer,
    Choice,
    Comment,
    ParticipationSettings,
    Question,
    Survey,
)

MAX_OPTIONS = 10
MAX_QUESTIONS = 20


class LanguageSelect(forms.Select):
    """A select of languages, each option marked with its own language for screen readers."""

    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        if value:
            option["attrs"]["lang"] = value
        return option


class CommentForm(HoneypotMixin, LinkedErrorsMixin, forms.Form):
    kind = forms.ChoiceField(
        label=_("What would you like to leave?"),
        choices=Comment.Kind.choices,
        initial=Comment.Kind.COMMENT,
        widget=forms.RadioSelect,
    )
    text = PersonTextField(
        label=_("Your comment, idea or question"),
        max_length=model_limit(Comment, "text"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Write no names, phone numbers or other personal data, yours or anyone else's."
        ),
        error_messages={"required": _("Write your comment, idea or question.")},
    )
    language = forms.ChoiceField(
        label=_("The text is written in"),
        choices=[*TEXT_LANGUAGES, ("", _("another language"))],
        required=False,
        widget=LanguageSelect,
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("language", translation.get_language())
        super().__init__(*args, **kwargs)
        self.add_honeypot()


class AnswerForm(HoneypotMixin, LinkedErrorsMixin, forms.Form):
    """A survey's questions as fields named q<id>, in the survey's order."""

    describe_errors_first = True

    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        required = {"required": _("Answer this question: it must be answered.")}
        for q in self.questions:
            common = {"label": q.text, "required": q.required, "error_messages": required}
            if q.kind == Question.Kind.SINGLE:
                choices = [(str(c.pk), c.label) for c in q.choices.all()]
                field = forms.ChoiceField(choices=choices, widget=forms.RadioSelect, **common)
            elif q.kind == Question.Kind.MULTIPLE:
                choices = [(str(c.pk), c.label) for c in q.choices.all()]
                field = forms.MultipleChoiceField(
                    choices=choices,
                    widget=forms.CheckboxSelectMultiple,
                    help_text=_("Choose as many as you like."),
                    **common,
                )
            elif q.kind == Question.Kind.SCALE:
                field = forms.TypedChoiceField(
                    choices=q.scale_points(), coerce=int, widget=forms.RadioSelect, **common
                )
            else:
                field = PersonTextField(
                    max_length=model_limit(Answer, "text"),
                    widget=forms.Textarea(attrs={"rows": 4}),
                    **common,
                )
            self.fields[self.key(q)] = field
        self.add_honeypot()

    @staticmethod
    def key(question):
        return f"q{question.pk}"

    def question_fields(self):
        return [(q, self[self.key(q)]) for q in self.questions]

    def answers(self):
        """Return [(question, choice ids, value, text)] for what was answered."""
        found = []
        for q in self.questions:
            given = self.cleaned_data.get(self.key(q))
            if given in (None, "", []):
                continue
            if q.kind == Question.Kind.SINGLE:
                found.append((q, [int(given)], None, ""))
            elif q.kind == Question.Kind.MULTIPLE:
                found.append((q, [int(pk) for pk in given], None, ""))
            elif q.kind == Question.Kind.SCALE:
                found.append((q, [], given, ""))
            else:
                found.append((q, [], None, given))
        return found


# Moderation -----------------------------------------------------------------------------------


class ModerationForm(LinkedErrorsMixin, forms.Form):
    APPROVE, REJECT, REPLY = "approve", "reject", "reply"

    decision = forms.ChoiceField(
        choices=[(APPROVE, APPROVE), (REJECT, REJECT), (REPLY, REPLY)],
        error_messages={"required": _("Choose what to do with the comment.")},
    )
    reason = forms.ChoiceField(
        label=_("Reason for rejecting"),
        choices=Comment.Reason.choices,
        required=False,
        widget=forms.RadioSelect,
    )
    note = PersonTextField(
        label=_("Note on the reason"),
        max_length=model_limit(Comment, "reject_note"),
        required=False,
        help_text=_("Needed for “another reason”. Seen only by the promise's coordinators."),
    )
    reply = PersonTextField(
        label=_("Public reply"),
        max_length=model_limit(Comment, "reply"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Shown under the comment, signed by the promise's coordinators, never by your name."
        ),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, comment=None, **kwargs):
        if comment is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "reason": comment.reject_reason,
                "note": comment.reject_note,
                "reply": comment.reply,
                "version": comment.version,
            }
        self.comment = comment
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        decision = cleaned.get("decision")
        if decision == self.REJECT:
            reason = cleaned.get("reason")
            if not reason and "reason" not in self.errors:
                self.add_error("reason", _("Choose why the comment is rejected."))
            if reason == Comment.Reason.OTHER and not cleaned.get("note"):
                if "note" not in self.errors:
                    self.add_error("note", _("Say in a few words why the comment is rejected."))
        if decision == self.APPROVE and self.comment is not None and not self.comment.text:
            self.add_error(None, _("The text was removed: there is nothing to publish."))
        if decision == self.REPLY and self.comment is not None:
            if self.comment.state != Comment.State.PUBLISHED:
                self.add_error(
                    "reply", _("Publish the comment first: a reply is shown with the comment.")
                )
        return cleaned


class SettingsForm(LinkedErrorsMixin, forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    class Meta:
        model = ParticipationSettings
        fields = ["comments_open", "moderation"]
        widgets = {"moderation": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = self.instance.version


# The survey builder ---------------------------------------------------------------------------


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class SurveyForm(LinkedErrorsMixin, forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, initial=0)

    class Meta:
        model = Survey
        fields = ["title", "intro", "opens_on", "closes_on"]
        widgets = {
            "intro": forms.Textarea(attrs={"rows": 4}),
            "opens_on": DateInput,
            "closes_on": DateInput,
        }
        field_classes = {"title": PersonTextField, "intro": PersonTextField}
        help_texts = {
            "intro": _(
                "What the survey is for and who reads the answers. Say that answers in free "
                "text are read by the coordinators and not published."
            )
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = self.instance.version if self.instance.pk else 0

    def clean(self):
        cleaned = super().clean()
        opens, closes = cleaned.get("opens_on"), cleaned.get("closes_on")
        if opens and closes and closes < opens:
            self.add_error("closes_on", _("The survey cannot close before it opens."))
        return cleaned


class QuestionForm(LinkedErrorsMixin, forms.Form):
    text = PersonTextField(
        label=_("Question"),
        max_length=model_limit(Question, "text"),
        error_messages={"required": _("Write the question.")},
    )
    kind = forms.ChoiceField(
        label=_("Kind of answer"), choices=Question.Kind.choices, initial=Question.Kind.SINGLE
    )
    required = forms.BooleanField(label=_("Must be answered"), required=False)
    options = forms.CharField(
        label=_("Options, one per line"),
        required=False,
        max_length=MAX_OPTIONS * (model_limit(Choice, "label") + 1),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For one choice or several choices: 2 to 10 options."),
    )
    scale_low_label = PersonTextField(
        label=_("On the scale, 1 means"),
        max_length=model_limit(Question, "scale_low_label"),
        required=False,
    )
    scale_high_label = PersonTextField(
        label=_("On the scale, 5 means"),
        max_length=model_limit(Question, "scale_high_label"),
        required=False,
    )

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        lines = [line.strip() for line in (cleaned.get("options") or "").splitlines()]
        lines = [line for line in lines if line]
        if kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE) and "options" not in self.errors:
            limit = model_limit(Choice, "label")
            if not 2 <= len(lines) <= MAX_OPTIONS:
                self.add_error(
                    "options",
                    _("Give 2 to %(max)s options, one per line (now %(n)s).")
                    % {"max": MAX_OPTIONS, "n": len(lines)},
                )
            elif any(len(line) > limit for line in lines):
                self.add_error(
                    "options", _("An option may be at most %(max)s characters.") % {"max": limit}
                )
            elif len({line.casefold() for line in lines}) < len(lines):
                self.add_error("options", _("Each option may be given only once."))
        has_choices = kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE)
        cleaned["option_list"] = lines if has_choices else []
        return cleaned


class BaseQuestionFormSet(forms.BaseFormSet):
    def kept_forms(self):
        """The questions there were and the ones filled in, less those marked for removal."""
        return [
            f
            for i, f in enumerate(self.forms)
            if (i < self.initial_form_count() or f.has_changed())
            and not self._should_delete_form(f)
        ]

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        if not self.kept_forms():
            raise forms.ValidationError(_("A survey needs at least one question."))

    def questions(self):
        """Return the kept questions as dicts, in the order given by their positions."""
        return [
            {
                "text": f.cleaned_data["text"],
                "kind": f.cleaned_data["kind"],
                "required": f.cleaned_data["required"],
                "options": f.cleaned_data["option_list"],
                "scale_low_label": f.cleaned_data["scale_low_label"],
                "scale_high_label": f.cleaned_data["scale_high_label"],
            }
            for f in self.ordered_forms
        ]


QuestionFormSet = forms.formset_factory(
    QuestionForm,
    formset=BaseQuestionFormSet,
    extra=2,
    can_delete=True,
    can_order=True,
    max_num=MAX_QUESTIONS,
    validate_max=True,
    absolute_max=MAX_QUESTIONS + 10,
)


def question_initial(survey):
    """Return the formset's initial data for the survey's questions."""
    return [
        {
            "text": q.text,
            "kind": q.kind,
            "required": q.required,
            "options": "\n".join(c.label for c in q.choices.all()),
            "scale_low_label": q.scale_low_label,
            "scale_high_label": q.scale_high_label,
        }
        for q in survey.questions.prefetch_related("choices")
    ]
