"""Classes: teachers' classes (/classes), students joining them (/ma-classe), the class API."""
from mps.domain.classes.api import ClassesApi
from mps.domain.classes.pages import StudentClassPages, TeacherPages
from mps.web.area import Area

AREA = Area(name="classes", route_handlers=[ClassesApi, TeacherPages, StudentClassPages])
