package vn.phoihop.platform.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SearchKeysTest {

    @ParameterizedTest
    @CsvSource({
            "Thành phố Cần Thơ, thanh pho can tho",
            "CẦN THƠ, can tho",
            "Can Tho, can tho",
            "Phường Đông Hải, phuong dong hai",
            "đắk lắk, dak lak",
            "'  Xã   Vĩnh\tLong ', xa vinh long",
            "Ủy ban MTTQ, uy ban mttq"})
    void foldsCaseDiacriticsAndDStroke(String name, String key) {
        assertThat(SearchKeys.of(name)).isEqualTo(key);
    }

    @ParameterizedTest
    @CsvSource({"can tho", "CẦN THƠ", "Can Tho", "cần thơ", "CAN THO"})
    void everySpellingOfAQueryFindsTheName(String query) {
        assertThat(SearchKeys.of("Thành phố Cần Thơ")).contains(SearchKeys.of(query));
    }

    @ParameterizedTest
    @CsvSource({"dong hai", "Đông Hải", "đong", "DONG"})
    void dMatchesDStroke(String query) {
        assertThat(SearchKeys.of("Phường Đông Hải")).contains(SearchKeys.of(query));
    }

    @ParameterizedTest
    @CsvSource({"can thoi", "hai phong", "tho can"})
    void otherWordsDoNotMatch(String query) {
        assertThat(SearchKeys.of("Thành phố Cần Thơ")).doesNotContain(SearchKeys.of(query));
    }
}
