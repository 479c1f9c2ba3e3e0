"""The negotiating room's pages: documents and revisions, the text and its proposals, the
compilation, the comparison of two revisions, and the co-facilitators' steps."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gcmhub.compact import queries as compact
from gcmhub.declarations import compare as comparison
from gcmhub.declarations import exports, permissions, queries, services
from gcmhub.declarations.forms import (
    AdoptForm,
    CompareForm,
    CompilationFilterForm,
    DecideForm,
    DocumentForm,
    ImportForm,
    NewParagraphForm,
    ParagraphTextForm,
    ProposalForm,
    RoundForm,
    StartRevisionForm,
    SupportForm,
)
from gcmhub.declarations.models import Paragraph, Support
from gcmhub.declarations.text import proposal_pieces

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF = "application/pdf"


def text_direction(language: str) -> str:
    return "rtl" if translation.get_language_info(language)["bidi"] else "ltr"


def _text(document) -> dict:
    """What a page needs to show the negotiated text in its own language and direction."""
    return {"text_lang": document.language, "text_dir": text_direction(document.language)}


# Documents ---------------------------------------------------------------------------------


def document_list(request):
    documents = list(queries.documents())
    for document in documents:
        revisions = queries.visible_revisions(request.user, document)
        document.latest = revisions[-1] if revisions else None
    can_manage = permissions.can_manage_documents(request.user)
    started = {document.edition_id for document in documents}
    context = {
        "documents": documents,
        "can_manage": can_manage,
        "editions_to_start": [e for e in compact.editions() if e.pk not in started]
        if can_manage
        else [],
    }
    return render(request, "declarations/document_list.html", context)


def _document_form(request, edition, document=None):
    if not permissions.can_manage_documents(request.user):
        raise PermissionDenied
    form = DocumentForm(request.POST or None, document=document)
    if request.method == "POST" and form.is_valid():
        try:
            document = services.save_document(
                edition,
                title=form.cleaned_data["title"],
                language=form.cleaned_data["language"],
                cofacilitators=form.cofacilitators(),
                by=request.user,
                document=document,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The outcome document was saved."))
            return redirect(document)
    context = {"edition": edition, "document": document, "form": form}
    status = 400 if request.method == "POST" else 200
    return render(request, "declarations/document_form.html", context, status=status)


def document_new(request, year):
    edition = get_object_or_404(compact.editions(), year=year)
    if hasattr(edition, "outcome"):
        return redirect("declarations:document_edit", year)
    return _document_form(request, edition)


def document_edit(request, year):
    document = queries.document_for(year)
    return _document_form(request, document.edition, document)


def document_detail(request, year):
    document = queries.document_for(year)
    revisions = queries.visible_revisions(request.user, document)
    is_cofacilitator = permissions.is_cofacilitator(request.user, document)
    latest = revisions[-1] if revisions else None
    context = {
        "document": document,
        "edition": document.edition,
        "revisions": revisions,
        "is_cofacilitator": is_cofacilitator,
        "can_manage": permissions.can_manage_documents(request.user),
        "compare_form": CompareForm(revisions=revisions),
        "can_start": is_cofacilitator
        and latest is not None
        and latest.is_published
        and not any(r.is_adopted for r in revisions),
        "start_form": StartRevisionForm(),
    }
    return render(request, "declarations/document_detail.html", context)


@require_POST
def start_revision(request, year):
    document = queries.document_for(year)
    permissions.require_cofacilitator(request.user, document)
    form = StartRevisionForm(request.POST)
    form.is_valid()  # a checkbox: always valid
    try:
        revision = services.start_revision(
            document, is_final=form.cleaned_data["is_final"], by=request.user
        )
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect(document)
    messages.success(
        request,
        _("%(revision)s was started from the latest revision, with the proposals taken in.")
        % {"revision": revision.label},
    )
    return redirect(revision)


# A revision and its text --------------------------------------------------------------------


def revision_detail(request, year, number):
    return _revision_page(request, queries.visible_revision(request.user, year, number))


def _revision_page(request, revision, *, status=200, **forms):
    """The revision page; FORMS replace the empty forms of the page (kept input and errors)."""
    user, document = request.user, revision.document
    is_cofacilitator = permissions.is_cofacilitator(user, document)
    paragraphs = queries.paragraphs(revision)
    can_propose = permissions.can_propose(user, revision)
    context = {
        "document": document,
        "edition": document.edition,
        "revision": revision,
        "paragraphs": paragraphs,
        "is_cofacilitator": is_cofacilitator,
        "can_propose": can_propose,
        "can_see_proposals": permissions.can_see_proposals(user, revision),
        **_text(document),
    }
    delegations = queries.delegations_for(user, revision) if user.is_authenticated else []
    if delegations:
        own = list(queries.proposals_of(revision, delegations))
        for proposal in own:
            proposal.speaker = queries.speaker(proposal.delegation, proposal.group)
            proposal.can_edit = permissions.can_edit_proposal(user, proposal)
            proposal.pieces = proposal_pieces(proposal.paragraph.text, proposal)
        context["own_proposals"] = own
    if is_cofacilitator:
        latest = queries.visible_revisions(user, document)[-1]
        context |= {
            "is_latest": latest.pk == revision.pk,
            "round_form": RoundForm(edition=document.edition),
            "adopt_form": AdoptForm(),
            "import_form": ImportForm(),
            "paragraph_form": NewParagraphForm(),
        }
    context |= forms
    return render(request, "declarations/revision_detail.html", context, status=status)


def _cofacilitated_revision(request, year, number):
    """The revision, for one of its co-facilitators (403 for anyone else who may see it)."""
    revision = queries.visible_revision(request.user, year, number)
    permissions.require_cofacilitator(request.user, revision.document)
    return revision


def _step(request, year, number, step, done: str):
    """Run a co-facilitators' step without input: the message, or the service's objection."""
    revision = _cofacilitated_revision(request, year, number)
    try:
        step(revision, by=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, done % {"revision": revision.label})
    return redirect(revision)


@require_POST
def publish_revision(request, year, number):
    return _step(request, year, number, services.publish_revision, _("%(revision)s is published."))


@require_POST
def close_round(request, year, number):
    done = _("The round of proposals on %(revision)s is closed.")
    return _step(request, year, number, services.close_round, done)


@require_POST
def publish_compilation(request, year, number):
    done = _("The compilation of proposals on %(revision)s is published.")
    return _step(request, year, number, services.publish_compilation, done)


@require_POST
def open_round(request, year, number):
    revision = _cofacilitated_revision(request, year, number)
    form = RoundForm(request.POST, edition=revision.document.edition)
    if form.is_valid():
        try:
            services.open_round(
                revision,
                deadline=form.cleaned_data["deadline"],
                audience=form.cleaned_data["audience"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The round of proposals is open."))
            return redirect(revision)
    return _revision_page(request, revision, status=400, round_form=form)


@require_POST
def adopt(request, year, number):
    revision = _cofacilitated_revision(request, year, number)
    form = AdoptForm(request.POST)
    if form.is_valid():
        try:
            services.adopt(
                revision, on=form.cleaned_data["on"], at=form.cleaned_data["at"], by=request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The declaration is recorded as adopted."))
            return redirect(revision)
    return _revision_page(request, revision, status=400, adopt_form=form)


@require_POST
def import_text(request, year, number):
    revision = _cofacilitated_revision(request, year, number)
    form = ImportForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.import_paragraphs(revision, form.cleaned_data["parsed"], by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The text was imported. Check each paragraph."))
            return redirect(revision)
    return _revision_page(request, revision, status=400, import_form=form)


def _paragraph(revision, pk) -> Paragraph:
    return get_object_or_404(Paragraph.objects.select_related("parent"), pk=pk, revision=revision)


def _paragraph_form_page(request, revision, form, *, paragraph=None, after=None):
    context = {"revision": revision, "document": revision.document, "form": form}
    context |= {"paragraph": paragraph, "after": after}
    return render(request, "declarations/paragraph_form.html", context, status=400)


@require_POST
def paragraph_add(request, year, number):
    revision = _cofacilitated_revision(request, year, number)
    form = NewParagraphForm(request.POST)
    after = None
    if form.is_valid():
        if form.cleaned_data["after"]:
            after = _paragraph(revision, form.cleaned_data["after"])
        try:
            paragraph = services.add_paragraph(
                revision,
                after=after,
                kind=form.cleaned_data["kind"],
                text=form.cleaned_data["text"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("%(label)s was added.") % {"label": paragraph.label})
            return redirect(f"{revision.get_absolute_url()}#p-{paragraph.pk}")
    return _paragraph_form_page(request, revision, form, after=after)


@require_POST
def paragraph_edit(request, year, number, pk):
    revision = _cofacilitated_revision(request, year, number)
    paragraph = _paragraph(revision, pk)
    form = ParagraphTextForm(request.POST)
    if form.is_valid():
        try:
            services.edit_paragraph(paragraph, text=form.cleaned_data["text"], by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("%(label)s was saved.") % {"label": paragraph.label})
            return redirect(f"{revision.get_absolute_url()}#p-{paragraph.pk}")
    return _paragraph_form_page(request, revision, form, paragraph=paragraph)


@require_POST
def paragraph_delete(request, year, number, pk):
    revision = _cofacilitated_revision(request, year, number)
    paragraph = _paragraph(revision, pk)
    try:
        services.delete_paragraph(paragraph, by=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("%(label)s was deleted.") % {"label": paragraph.label})
    return redirect(revision)


# Downloads -----------------------------------------------------------------------------------


def _file_name(revision, part="") -> str:
    if revision.is_final:
        name = "final"
    elif revision.number == 0:
        name = "zero-draft"
    else:
        name = f"rev-{revision.number}"
    return f"declaration-{revision.document.edition.year}-{name}{part}"


def _download(request, revision, blocks_of, subtitle_of, *, kind: str, part=""):
    """The text as a Word or PDF file, written in the negotiation's language."""
    document = revision.document
    with translation.override(document.language):
        blocks = blocks_of()
        arguments = {
            "title": document.title,
            "subtitle": subtitle_of(),
            "blocks": blocks,
            "language": document.language,
        }
        try:
            content = exports.docx(**arguments) if kind == "docx" else exports.pdf(**arguments)
        except ValueError:
            content = None
    if content is None:
        context = {"revision": revision, "document": document, "docx_url": _docx_url(request)}
        return render(request, "declarations/no_pdf.html", context, status=404)
    response = HttpResponse(content, content_type=DOCX if kind == "docx" else PDF)
    response["Content-Disposition"] = f'attachment; filename="{_file_name(revision, part)}.{kind}"'
    return response


def _docx_url(request) -> str:
    path = request.path.removesuffix(".pdf") + ".docx"
    query = request.GET.urlencode()
    return f"{path}?{query}" if query else path


def revision_file(request, year, number, kind):
    revision = queries.visible_revision(request.user, year, number)
    return _download(
        request,
        revision,
        lambda: queries.text_blocks(revision),
        lambda: str(revision.label),
        kind=kind,
    )


def compilation_file(request, year, number, kind):
    revision = queries.visible_revision(request.user, year, number)
    blocks_of, _form = _compilation_blocks(request, revision)
    return _download(
        request,
        revision,
        blocks_of,
        lambda: _("Compilation of proposals on %(revision)s") % {"revision": revision.label},
        kind=kind,
        part="-compilation",
    )


# The compilation -----------------------------------------------------------------------------


def _compilation_blocks(request, revision):
    """A function giving the blocks the person may see with the filters asked for, and the
    filter form (None when the proposals are not public yet)."""
    if not permissions.can_see_proposals(request.user, revision):
        return (lambda: queries.text_blocks(revision)), None
    form = CompilationFilterForm(
        request.GET,
        delegations=queries.involved_delegations(revision),
        paragraphs=queries.paragraphs(revision),
    )
    filters = form.objects()
    return (lambda: queries.compilation(revision, **filters)), form


def compilation(request, year, number):
    revision = queries.visible_revision(request.user, year, number)
    document, user = revision.document, request.user
    blocks_of, form = _compilation_blocks(request, revision)
    blocks = blocks_of()
    is_cofacilitator = permissions.is_cofacilitator(user, document)
    can_support = form is not None and permissions.can_propose(user, revision)
    delegations = queries.delegations_for(user, revision) if can_support else []
    proposals = [entry.proposal for block in blocks for entry in block.entries]
    if is_cofacilitator:
        _decide_forms(proposals)
    if delegations:
        _support_forms(proposals, delegations)
    filters = request.GET.urlencode()
    context = {
        "document": document,
        "edition": document.edition,
        "revision": revision,
        "blocks": blocks,
        "form": form,
        "is_filtered": bool(form and form.filters()),
        "is_cofacilitator": is_cofacilitator,
        "query": f"?{filters}" if filters else "",
        **_text(document),
    }
    return render(request, "declarations/compilation.html", context)


def _decide_forms(proposals) -> None:
    """Give each proposal the co-facilitators' form to decide on it (ids unique on the page)."""
    for proposal in proposals:
        initial = {
            "decision": proposal.decision,
            "note": proposal.decision_note,
            "taken_text": proposal.taken_text,
        }
        proposal.decide_form = DecideForm(initial=initial, auto_id=f"decide-{proposal.pk}-%s")


def _support_forms(proposals, delegations) -> None:
    """Give each proposal the supports of the person's DELEGATIONS (to withdraw) and a form to
    support it for those that are neither its proposer nor its supporters yet."""
    groups, mine = _groups(delegations), {delegation.pk for delegation in delegations}
    for proposal in proposals:
        supports = proposal.supports.all()
        proposal.own_supports = [s for s in supports if s.delegation_id in mine]
        if free := _free(proposal, delegations):
            auto_id = f"support-{proposal.pk}-%s"
            proposal.support_form = SupportForm(delegations=free, groups=groups, auto_id=auto_id)


def _free(proposal, delegations) -> list:
    """The DELEGATIONS that may still support PROPOSAL: not its proposer, not supporting yet."""
    taken = {s.delegation_id for s in proposal.supports.all()} | {proposal.delegation_id}
    return [delegation for delegation in delegations if delegation.pk not in taken]


def _groups(delegations) -> list:
    """The negotiating groups of any of DELEGATIONS, each once."""
    found = {}
    for delegation in delegations:
        for group in queries.groups_for(delegation):
            found.setdefault(group.pk, group)
    return sorted(found.values(), key=lambda group: group.name)


# Proposals -----------------------------------------------------------------------------------


def _delegations(request, revision) -> list:
    """The delegations the person may propose or support for (403 when none)."""
    delegations = queries.delegations_for(request.user, revision)
    if not delegations:
        raise PermissionDenied
    return delegations


@login_required
def propose(request, year, number, pk):
    revision = queries.visible_revision(request.user, year, number)
    paragraph = get_object_or_404(
        Paragraph.objects.select_related("parent", "revision"),
        pk=pk,
        revision__document=revision.document,
    )
    if not permissions.can_see_revision(request.user, paragraph.revision):
        raise Http404
    delegations = _delegations(request, revision)
    if request.method != "POST" and not permissions.can_propose(request.user, revision):
        raise PermissionDenied
    form = ProposalForm(
        request.POST or None,
        paragraph=paragraph,
        delegations=delegations,
        groups=_groups(delegations),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.propose(
                revision,
                paragraph,
                delegation=form.delegation(),
                **form.proposal_data(),
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Your proposal on %(label)s was saved. You may change it until the deadline.")
                % {"label": paragraph.label},
            )
            return redirect(f"{revision.get_absolute_url()}#your-proposals")
    return _proposal_page(request, revision, paragraph, form)


def _proposal_page(request, revision, paragraph, form, proposal=None):
    context = {
        "document": revision.document,
        "revision": revision,
        "paragraph": paragraph,
        "form": form,
        "proposal": proposal,
        **_text(revision.document),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "declarations/proposal_form.html", context, status=status)


@login_required
def proposal_edit(request, pk):
    proposal = queries.visible_proposal(request.user, pk)
    revision = proposal.revision
    if request.method != "POST" and not permissions.can_edit_proposal(request.user, proposal):
        raise PermissionDenied
    delegations = [proposal.delegation]
    form = ProposalForm(
        request.POST or None,
        paragraph=proposal.paragraph,
        delegations=delegations,
        groups=_groups(delegations),
        proposal=proposal,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_proposal(proposal, **form.proposal_data(), by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your proposal was changed."))
            return redirect(f"{revision.get_absolute_url()}#your-proposals")
    return _proposal_page(request, revision, proposal.paragraph, form, proposal)


@login_required
def proposal_withdraw(request, pk):
    proposal = queries.visible_proposal(request.user, pk)
    revision = proposal.revision
    if request.method == "POST":
        try:
            services.withdraw_proposal(proposal, by=request.user)
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(request, _("Your proposal was withdrawn."))
        return redirect(f"{revision.get_absolute_url()}#your-proposals")
    if not permissions.can_edit_proposal(request.user, proposal):
        raise PermissionDenied
    context = {"proposal": proposal, "revision": revision, "document": revision.document}
    context["pieces"] = proposal_pieces(proposal.paragraph.text, proposal)
    return render(request, "declarations/proposal_withdraw.html", context)


def _back_to_compilation(revision):
    return redirect(reverse("declarations:compilation", args=_revision_args(revision)))


def _revision_args(revision) -> list[int]:
    return [revision.document.edition.year, revision.number]


@login_required
@require_POST
def support(request, pk):
    proposal = queries.visible_proposal(request.user, pk)
    revision = proposal.revision
    delegations = _delegations(request, revision)
    free = _free(proposal, delegations) or delegations  # the service says why none may
    form = SupportForm(request.POST, delegations=free, groups=_groups(delegations))
    if not form.is_valid():
        messages.error(request, _("Choose the delegation that supports the proposal."))
        return _back_to_compilation(revision)
    try:
        joined = services.support(
            proposal,
            delegation=form.delegation(),
            group=form.cleaned_data.get("group"),
            by=request.user,
        )
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(
            request,
            _("%(delegation)s supports the proposal on %(label)s.")
            % {"delegation": joined.group or joined.delegation, "label": proposal.paragraph.label},
        )
    return _back_to_compilation(revision)


@login_required
@require_POST
def support_withdraw(request, pk):
    joined = get_object_or_404(Support.objects.select_related("delegation"), pk=pk)
    proposal = queries.visible_proposal(request.user, joined.proposal_id)
    joined.proposal = proposal
    try:
        services.withdraw_support(joined, by=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("The support was withdrawn."))
    return _back_to_compilation(proposal.revision)


@login_required
@require_POST
def decide(request, pk):
    proposal = queries.visible_proposal(request.user, pk)
    revision = proposal.revision
    permissions.require_cofacilitator(request.user, revision.document)
    form = DecideForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a decision from the list."))
        return _back_to_compilation(revision)
    try:
        services.decide(proposal, **form.cleaned_data, by=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(
            request,
            _("The decision on %(delegation)s's proposal on %(label)s was saved.")
            % {"delegation": proposal.delegation, "label": proposal.paragraph.label},
        )
    return redirect(
        reverse("declarations:compilation", args=_revision_args(revision))
        + f"#proposal-{proposal.pk}"
    )


# The comparison ------------------------------------------------------------------------------


def compare(request, year):
    document = queries.document_for(year)
    revisions = queries.visible_revisions(request.user, document)
    asked = "from" in request.GET or "to" in request.GET
    form = CompareForm(request.GET if asked else None, revisions=revisions)
    rows, old, new = None, None, None
    if asked and form.is_valid():
        visible = {revision.number: revision for revision in revisions}
        old = visible.get(form.cleaned_data["from"])
        new = visible.get(form.cleaned_data["to"])
        if old is None or new is None:
            raise Http404  # not a revision, or not one this person may see
        rows = comparison.compare(old, new)
        for proposal in (p for row in rows for p in row.proposals):
            proposal.speaker = queries.speaker(proposal.delegation, proposal.group)
        if old.number > new.number:
            old, new = new, old
    show_unchanged = request.GET.get("unchanged") == "1"
    shown = rows
    if rows is not None and not show_unchanged:
        shown = [row for row in rows if not _is_unchanged(row)]
    context = {
        "document": document,
        "edition": document.edition,
        "form": form,
        "old": old,
        "new": new,
        "rows": shown,
        "unchanged_count": sum(1 for row in rows if _is_unchanged(row)) if rows else 0,
        "show_unchanged": show_unchanged,
        **_text(document),
    }
    status = 400 if asked and form.errors else 200
    return render(request, "declarations/compare.html", context, status=status)


def _is_unchanged(row) -> bool:
    return row.status == "same" and not row.renumbered and not row.moved
