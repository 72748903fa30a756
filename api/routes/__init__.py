"""The HTTP routes by concern; each module builds its APIRouter from the app's settings."""
