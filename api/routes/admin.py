"""Routes that change the library: documents, the enterprise register, the index. Each needs the write token,
declared once here: the router's dependency, which the app's middleware also applies before any body is read."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, UploadFile
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool

from .. import models
from ..service import PolicyService
from ..settings import Settings
from .contract import LIMITED, WRITE, errors
from .deps import require_token, service, upload_label

# The routes that take a file: their bodies may be as large as the upload limit.
UPLOADS = ("/api/documents", "/api/enterprises", "/api/enterprises/preview")


class Upload(BaseModel):
    """An upload's form: one `file` part and nothing else; another field is a 400, as the schema says."""

    model_config = ConfigDict(extra="forbid")
    # `format: binary` beside FastAPI's contentMediaType: the older spelling, which tools read as "any bytes".
    file: UploadFile = Field(json_schema_extra={"format": "binary"})


UploadForm = Annotated[Upload, Form(media_type="multipart/form-data")]


def routes(settings: Settings) -> APIRouter:
    """POST/DELETE /api/documents, /api/enterprises (and its preview), POST /api/reindex."""
    router = APIRouter(tags=["admin"], dependencies=[Depends(require_token)], responses=errors(*LIMITED, *WRITE))

    async def read_upload(file: UploadFile, default: str) -> tuple[str, bytes]:
        """The upload's label and bytes (the app's body-limit rule bounded them: UPLOADS get the upload limit)."""
        return upload_label(file.filename, default), await file.read()

    # An upload with no file is a 400; so is a register that is not a readable .csv or .xlsx (413: past a register limit).
    @router.post("/api/enterprises", response_model=models.EnterpriseImport, response_model_exclude_unset=True,
                 responses=errors(400))
    async def import_enterprises(form: UploadForm, svc: PolicyService = Depends(service)) -> models.EnterpriseImport:
        name, data = await read_upload(form.file, "register.csv")
        out = await run_in_threadpool(svc.import_enterprises, name, data)
        return out

    @router.post("/api/enterprises/preview", response_model=models.RegisterPreview, response_model_exclude_unset=True,
                 responses=errors(400))
    async def preview_enterprises(form: UploadForm, svc: PolicyService = Depends(service)) -> models.RegisterPreview:
        """What importing this register would do (rows matched to chain segments, rows skipped and why); nothing is imported."""
        name, data = await read_upload(form.file, "register.csv")
        return await run_in_threadpool(svc.preview_enterprises, name, data)

    @router.delete("/api/enterprises", response_model=models.EnterpriseImport, response_model_exclude_unset=True)
    async def clear_enterprises(svc: PolicyService = Depends(service)) -> models.EnterpriseImport:
        out = await run_in_threadpool(svc.clear_enterprises)
        return out

    @router.post("/api/documents", response_model=models.IngestReport, response_model_exclude_unset=True,
              status_code=201,
              responses={**errors(400),
                         422: {"model": models.IngestReport, "description": "no file ingested: the report names each refused file and why"}})
    async def upload(form: UploadForm, svc: PolicyService = Depends(service)) -> JSONResponse:
        name, data = await read_upload(form.file, "upload.txt")
        report = await run_in_threadpool(svc.ingest_bytes, [(name, data, f"upload:{name}")])
        status = 422 if report.errors else 201  # one file: ingested (new, updated or unchanged), or refused
        return JSONResponse(report.model_dump(mode="json", exclude_unset=True), status_code=status)

    @router.delete("/api/documents/{doc_id}", response_model=models.Deleted, response_model_exclude_unset=True,
                   responses=errors(404))
    async def delete(doc_id: str, svc: PolicyService = Depends(service)) -> models.Deleted:
        out = await run_in_threadpool(svc.delete_document, doc_id)
        return out

    @router.post("/api/reindex", response_model=models.IndexReport, response_model_exclude_unset=True)
    async def reindex(svc: PolicyService = Depends(service)) -> models.IndexReport:
        return await run_in_threadpool(svc.reindex, True)

    return router
