"""The pydantic v2 models of the Get Workspace Tokens 200 body, exactly as the seed's schema says.

../shared/spec/get-workspace-tokens.mdx gives the properties, types, formats and `required` lists;
../shared/spec/API-NOTES.md ("The response") gives the definition order. Class names: `Token` (the
schema title "PaginatedResult[Token]" names it), `UserName`, `WorkspaceName`. `organization_role` is a
Literal (the schema inlines its enum). The one rule beyond the schema is apiquery's masking rule
(API-NOTES.md, "Token masking"), written as the AfterValidator a pydantic client would add.

A pydantic client reads a body with `PaginatedResult[Token].model_validate_json(body)`, which is what
apiquery's check_token_page / `apiquery check-response` reproduce.
"""
import datetime
import uuid
from typing import Annotated, Generic, List, Literal, Optional, TypeVar

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

T = TypeVar("T")

MAX_REVEALED = 8


def masked_token_ok(value: str) -> str:
    revealed = sum(1 for ch in value if ch != "*")
    if revealed > MAX_REVEALED:
        raise ValueError(f"masked_token reveals {revealed} characters; at most {MAX_REVEALED} may be visible")
    return value


class UserName(BaseModel):
    model_config = ConfigDict(title="User Name")
    given_name: str = Field(title="Given name", description="Given name of a user.")
    family_name: str = Field(title="Family name", description="Family name of a user.")


class WorkspaceName(BaseModel):
    name: str = Field(title="Workspace name", description="The name of the workspace. It must be longer than 3 characters.")


class PaginatedResult(BaseModel, Generic[T]):
    data: List[T] = Field(title="Data")
    has_more: bool = Field(title="Has more results")
    total: int = Field(title="Total number of results")


def make_token_model(check_masking: bool = True):
    """The Token model; with check_masking, masked_token carries apiquery's masking rule."""
    MaskedToken = Annotated[str, AfterValidator(masked_token_ok)] if check_masking else str

    class Token(BaseModel):
        model_config = ConfigDict(title="Token Meta")
        name: str = Field(title="API Token Name")
        masked_token: MaskedToken = Field(title="API Token")
        personal: bool = Field(title="API Token type")
        expires: bool = Field(title="API Token Expires")
        expires_at: Optional[datetime.datetime] = Field(title="API Token Expiry")
        api_token_id: uuid.UUID = Field(title="API Token ID")
        user: UserName
        role: str = Field(title="API Token Role (Deprecated)", deprecated=True)
        organization_role: Literal["ADMIN", "MEMBER", "EXTERNAL"] = Field(title="Organization Role")
        workspaces: List[WorkspaceName] = Field(title="Workspaces")
        all_workspaces: bool = Field(default=False, title="All Workspaces")

    Token.__qualname__ = "Token"  # as if defined at module level: PaginatedResult[Token]
    return Token


Token = make_token_model(True)
TokenPage = PaginatedResult[Token]
# The schema alone (no masking rule): `apiquery check-response --no-mask-check`.
TokenPageSchemaOnly = PaginatedResult[make_token_model(False)]
