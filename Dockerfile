# The Diplomap web app, for docker-compose.yml (which also starts Neo4j).
#   docker compose up -d      # then open http://127.0.0.1:5000
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DIPLOMAP_DATA_DIR=/var/lib/diplomap

WORKDIR /app

# Dependencies first, so that a change in the code does not reinstall them.
COPY pyproject.toml ./
RUN python -c "import tomllib; d = tomllib.load(open('pyproject.toml', 'rb')); \
print('\n'.join(d['project']['dependencies']))" > /tmp/requirements.txt \
    && pip install -r /tmp/requirements.txt

COPY . .
# Editable, so that the project's data folders next to the packages (cypher/ with
# schema.cypher and the saved queries) stay where graph/ looks for them.
RUN pip install --no-deps -e . \
    && useradd --system --home-dir /var/lib/diplomap --create-home diplomap
USER diplomap

EXPOSE 5000
CMD ["diplomap", "serve", "--host", "0.0.0.0", "--port", "5000"]
